import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, getJson, sendJson, setSessionExpiredListener } from './api.ts'
import type { Me } from './lib/types.ts'

type AuthState =
  | { status: 'loading' }
  | { status: 'signed_out'; reason?: 'expired' | 'signed_out' | 'offline' }
  | { status: 'signed_in'; me: Me; expired: boolean }

interface Auth {
  state: AuthState
  signIn(username: string, password: string): Promise<Me>
  signOut(): Promise<void>
  reload(): Promise<void>
}

const AuthContext = createContext<Auth | undefined>(undefined)

/**
 * Who is signed in. A 401 while signed in does not throw the user out of the screen: it marks the session
 * expired, and the shell shows a sign-in dialog over the current page so what was typed stays in place.
 */
export function AuthProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' })
  const current = useRef(state)
  current.current = state

  const reload = useCallback(async () => {
    try {
      const { data } = await getJson<{ data: Me }>('/api/me')
      setState({ status: 'signed_in', me: data, expired: false })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'signed_out' })
      else throw err
    }
  }, [])

  useEffect(() => {
    setSessionExpiredListener(() => setState((s) => (s.status === 'signed_in' ? { ...s, expired: true } : s)))
    // Without a network (an officer reloading offline) nobody can tell whether the session is still valid: the
    // shell shows the sign-in form under the offline banner and asks again once the browser is back online,
    // so a session that is still valid resumes without typing the password. Nothing personal is cached.
    const check = () =>
      reload().catch((err: unknown) =>
        setState(err instanceof ApiError && err.code === 'network' ? { status: 'signed_out', reason: 'offline' } : { status: 'signed_out' }),
      )
    const onOnline = () => {
      const s = current.current
      if (s.status === 'signed_out' && s.reason === 'offline') void check()
    }
    void check()
    window.addEventListener('online', onOnline)
    return () => {
      setSessionExpiredListener(undefined)
      window.removeEventListener('online', onOnline)
    }
  }, [reload])

  const value = useMemo<Auth>(
    () => ({
      state,
      reload,
      async signIn(username, password) {
        const { data } = await sendJson<{ data: Me }>('POST', '/api/auth/login', { username, password })
        setState({ status: 'signed_in', me: data, expired: false })
        return data
      },
      async signOut() {
        try {
          await sendJson('POST', '/api/auth/logout')
        } finally {
          // Offline data of the signed-in officer is wiped here too once the offline store exists (offline/README.md).
          setState({ status: 'signed_out', reason: 'signed_out' })
        }
      },
    }),
    [state, reload],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}

/** The signed-in user; only for screens rendered behind the shell's sign-in gate. */
export function useMe(): Me {
  const { state } = useAuth()
  if (state.status !== 'signed_in') throw new Error('useMe while signed out')
  return state.me
}

import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks'
import { ApiError, getJson, sendJson, setSessionExpiredListener } from './api.ts'
import type { Me } from './lib/types.ts'

type AuthState =
  | { status: 'loading' }
  | { status: 'signed_out'; reason?: 'expired' | 'signed_out' }
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
    reload().catch(() => setState({ status: 'signed_out' }))
    return () => setSessionExpiredListener(undefined)
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

import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiError, endpoint, getJson, sendJson, setSessionExpiredListener } from './api.ts'
import type { Me } from '../../kernel/contract/identity.ts'
import { loadOffline, mayHoldOfflineData } from './offline/status.ts'
import { actorOf, worksOffline } from './lib/actor.ts'
import type { Actor } from '../../kernel/policy.ts'

/** Unsent changes of another user found in this browser's offline store at sign-in. */
export interface ForeignChanges {
  owner: string
  pending: number
}

type AuthState =
  | { status: 'loading' }
  | { status: 'signed_out'; reason?: 'expired' | 'signed_out' | 'offline' }
  | {
      status: 'signed_in'
      me: Me
      expired: boolean
      /** Opened without a network from the offline store (a commune officer): the session is checked once online. */
      unverified?: boolean
      foreign?: ForeignChanges | null
    }

interface Auth {
  state: AuthState
  signIn(username: string, password: string): Promise<Me>
  /** Ends the session and wipes the offline store, unless `keepOffline` (another user's unsent changes). */
  signOut(options?: { keepOffline?: boolean }): Promise<void>
  reload(): Promise<void>
  /** Drops another user's unsent changes (the officer confirmed) and opens the store for the signed-in user. */
  discardForeign(): Promise<void>
}

/**
 * The offline store follows the signed-in user (web/src/offline/README.md): a commune officer's is opened and
 * synced; anyone else's leftovers are wiped, unless they hold unsent changes, which the shell asks about.
 */
async function attachOffline(me: Me): Promise<ForeignChanges | null> {
  if (!worksOffline(actorOf(me)) && !(await mayHoldOfflineData())) return null
  try {
    return (await (await loadOffline()).attach(me)).foreign
  } catch {
    // No IndexedDB (a private window in an old browser): the app works online.
    return null
  }
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
      const { data } = await getJson(endpoint('GET /api/me'))
      const foreign = await attachOffline(data)
      setState({ status: 'signed_in', me: data, expired: false, foreign })
    } catch (err) {
      // Opened offline, then the session turned out to be gone: sign in again over the page, keeping the store.
      if (err instanceof ApiError && err.status === 401) setState((s) => (s.status === 'signed_in' ? { ...s, expired: true } : { status: 'signed_out' }))
      else throw err
    }
  }, [])

  useEffect(() => {
    setSessionExpiredListener(() => setState((s) => (s.status === 'signed_in' ? { ...s, expired: true } : s)))
    // Without a network nobody can tell whether the session is still valid. A commune officer whose offline store
    // is on this phone works from it (the session is checked once online; a 401 then asks to sign in again over
    // the page, keeping the queued changes). Anyone else gets the sign-in form under the offline banner, and a
    // session that is still valid resumes by itself when the browser is back online.
    const startOffline = async () => {
      const me = await (await loadOffline()).offlineUser().catch(() => null)
      setState(me ? { status: 'signed_in', me, expired: false, unverified: true } : { status: 'signed_out', reason: 'offline' })
    }
    const check = () =>
      reload().catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'network') return startOffline()
        setState({ status: 'signed_out' })
      })
    const onOnline = () => {
      const s = current.current
      if ((s.status === 'signed_out' && s.reason === 'offline') || (s.status === 'signed_in' && s.unverified)) {
        void reload().catch(() => undefined)
      }
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
        const { data } = await sendJson(endpoint('POST /api/auth/login'), { username, password })
        const foreign = await attachOffline(data)
        setState({ status: 'signed_in', me: data, expired: false, foreign })
        return data
      },
      async signOut(options = {}) {
        try {
          await sendJson(endpoint('POST /api/auth/logout'))
        } catch {
          // Offline, or the session had already ended: signing out here still ends the work on this phone.
        } finally {
          // The header asked first when changes were not sent yet; nothing personal stays behind. Another user's
          // unsent changes (the question the shell shows) are theirs to send or discard, never wiped from here.
          const foreign = state.status === 'signed_in' && Boolean(state.foreign)
          if (!options.keepOffline && !foreign && (await mayHoldOfflineData())) await (await loadOffline()).wipe().catch(() => undefined)
          setState({ status: 'signed_out', reason: 'signed_out' })
        }
      },
      async discardForeign() {
        if (state.status !== 'signed_in') return
        const offline = await loadOffline()
        await offline.wipe()
        const { foreign } = await offline.attach(state.me)
        setState({ ...state, foreign })
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

/** The signed-in user for the kernel's policy (`can(actor, action, target)`); same gate as useMe. */
export function useActor(): Actor {
  const me = useMe()
  return useMemo(() => actorOf(me), [me])
}

import { useSession } from './session.tsx';

/**
 * Whether the signed-in user holds `permission` (as `/auth/me` listed them). Screens use it only
 * to hide what would be refused anyway; the server decides.
 */
export const useCan = (): ((permission: string) => boolean) => {
  const { state } = useSession();
  const granted = state.status === 'signedIn' ? state.permissions : [];
  return (permission) => granted.includes(permission);
};

/** The signed-in user; only for screens rendered inside the signed-in shell. */
export const useCurrentUser = () => {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useCurrentUser needs a signed-in session');
  return state.user;
};

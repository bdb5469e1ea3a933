import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, session, type Schemas } from '@/lib/api/client';
import { meKey } from '@/lib/auth/use-auth';

function useStartSession() {
  const qc = useQueryClient();
  return (res: Schemas['AuthResultView']) => {
    qc.clear();
    session.set(res);
    qc.setQueryData(meKey, res.user);
  };
}

export function useSignIn() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => call(api.POST('/api/auth/login', { body })),
    onSuccess: start,
  });
}

export function useSignUp() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: Schemas['RegisterDto']) => call(api.POST('/api/auth/register', { body })),
    onSuccess: start,
  });
}

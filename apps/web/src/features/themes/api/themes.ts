import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, call } from '@/lib/api/client';

export interface ThemeRef {
  id: string;
  name: string;
}

export function useThemeSearch(q: string) {
  return useQuery({
    queryKey: ['themes', q],
    queryFn: () => call(api.GET('/api/themes', { params: { query: { q: q || undefined, limit: 30 } } })),
    placeholderData: keepPreviousData,
  });
}

/** Proposes a theme; when the same theme already exists, answers with that one instead. */
export function useProposeTheme() {
  return useMutation({
    mutationFn: async (name: string): Promise<ThemeRef & { existed: boolean }> => {
      try {
        const t = await call(api.POST('/api/themes', { body: { name, description: name } }));
        return { id: t.id, name: t.name, existed: false };
      } catch (e) {
        const d = e instanceof ApiError ? (e.body?.details as { themeId?: string; name?: string } | undefined) : undefined;
        if (e instanceof ApiError && e.status === 409 && d?.themeId) return { id: d.themeId, name: d.name ?? name, existed: true };
        throw e;
      }
    },
  });
}

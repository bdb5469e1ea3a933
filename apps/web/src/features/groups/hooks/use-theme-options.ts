import { useQuery } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';

/** Themes to filter by: the most used ones. */
export function useThemeOptions() {
  const q = useQuery({
    queryKey: ['themes', 'options'],
    queryFn: () => call(api.GET('/api/themes', { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
  return q.data?.items ?? [];
}

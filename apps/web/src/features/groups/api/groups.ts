import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '@/lib/api/client';

export type Group = Schemas['GroupView'];
export type RecommendedGroup = Schemas['RecommendedGroupView'];

export const groupKeys = {
  mine: ['me', 'groups'] as const,
  recommendations: ['me', 'recommendations'] as const,
  search: (f: GroupFilters) => ['groups', 'search', f] as const,
  one: (id: string) => ['groups', id] as const,
};

export interface GroupFilters {
  q?: string;
  theme?: string;
  language?: string;
}

export const useMyGroups = () => useQuery({ queryKey: groupKeys.mine, queryFn: () => call(api.GET('/api/me/groups')) });

export const useRecommendations = () =>
  useQuery({ queryKey: groupKeys.recommendations, queryFn: () => call(api.GET('/api/me/recommendations/groups', { params: { query: { limit: 6 } } })) });

export const useGroupSearch = (f: GroupFilters) =>
  useQuery({
    queryKey: groupKeys.search(f),
    queryFn: () =>
      call(api.GET('/api/groups', { params: { query: { q: f.q || undefined, theme: f.theme || undefined, language: f.language || undefined, limit: 30 } } })),
    placeholderData: keepPreviousData,
  });

export const useGroup = (groupId: string) =>
  useQuery({ queryKey: groupKeys.one(groupId), queryFn: () => call(api.GET('/api/groups/{groupId}', { params: { path: { groupId } } })) });

export function useJoinGroup(groupId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['JoinGroupDto']) => call(api.POST('/api/groups/{groupId}/join', { params: { path: { groupId } }, body })),
    onSuccess: (res) => {
      qc.setQueryData(groupKeys.one(groupId), res.group);
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useLeaveGroup(groupId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/groups/{groupId}/leave', { params: { path: { groupId } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: groupKeys.one(groupId) });
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export const useCreateInvite = (groupId: string) =>
  useMutation({ mutationFn: () => call(api.POST('/api/groups/{groupId}/invites', { params: { path: { groupId } }, body: { expiresInHours: 168 } })) });

export const useInvitePreview = (token: string) =>
  useQuery({ queryKey: ['invites', token], queryFn: () => call(api.POST('/api/invites/preview', { body: { token } })), retry: false });

export function useAcceptInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => call(api.POST('/api/invites/accept', { body: { token } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['me'] }),
  });
}

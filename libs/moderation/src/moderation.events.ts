export type CasePriority = 1 | 2 | 3;
export const PRIORITY_LABEL: Record<CasePriority, 'normal' | 'pile_on' | 'crisis'> = { 1: 'normal', 2: 'pile_on', 3: 'crisis' };

export interface CaseOpenedEvent {
  caseId: string;
  roomId: string | null;
  kind: string;
  priority: CasePriority;
}

export interface CrisisDetectedEvent {
  userId: string;
  roomId: string;
  messageId: string;
  communityId: string | null;
}

/** What the affected person is told about an action (`moderation:notice`). */
export interface ModerationNoticeEvent {
  userId: string;
  actionId: string;
  action: string;
  roomId: string | null;
  communityId: string | null;
  until: string | null;
  rule: string;
  reason: string;
  appealable: boolean;
  /** For a granted appeal: the restriction is lifted. */
  lifted?: boolean;
}

declare module '@hearth/common' {
  interface DomainEventMap {
    /** A case opened (or became more urgent): `moderation:alert` to the room's moderators. */
    'moderation.case.opened': CaseOpenedEvent;
    /** A message suggesting a crisis was delivered: `crisis:resources` to its sender only. */
    'moderation.crisis.detected': CrisisDetectedEvent;
    /** An action about a person (or its lifting): `moderation:notice` to them. */
    'moderation.notice': ModerationNoticeEvent;
  }
}

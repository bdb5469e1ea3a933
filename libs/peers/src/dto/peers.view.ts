import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CrisisResourceView, SafetyPlanPartView } from '@hearth/moderation';
import { AvailabilityWindowDto } from './peer-profile-fields';

export class PersonRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class ThemeRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TrainingRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() course: string;
  @ApiProperty() provider: string;
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty({ format: 'date' }) expiresOn: string;
  @ApiProperty({ nullable: true, type: String }) evidenceRef: string | null;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected', 'revoked'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected or revoked (shown to the applicant)' }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() expired: boolean;
  @ApiProperty() createdAt: string;
}

export class PeerProfileView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() bio: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: [ThemeRefView] }) themes: ThemeRefView[];
  @ApiProperty({ type: [AvailabilityWindowDto] }) availability: AvailabilityWindowDto[];
  @ApiProperty() timeZone: string;
  @ApiProperty() acceptingRequests: boolean;
  @ApiProperty() maxSessions: number;
  @ApiProperty() activeSessions: number;
  @ApiProperty({ nullable: true, type: String }) pronouns: string | null;
  @ApiProperty({ nullable: true, type: String }) ageBand: string | null;
  @ApiProperty({ description: 'At least one verified, unexpired training record' }) verified: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) verifiedUntil: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Paused from new requests until (after a session with a crisis alert)' }) pausedUntil: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A debrief is offered for this session' }) debriefSessionId: string | null;
  @ApiProperty() availableNow: boolean;
}

export class PeerApplicationView {
  @ApiProperty({ type: PeerProfileView }) profile: PeerProfileView;
  @ApiProperty({ type: [TrainingRecordView] }) trainingRecords: TrainingRecordView[];
}

export class AdminApplicationView extends PeerApplicationView {
  @ApiProperty({ type: PersonRefView }) user: PersonRefView;
}

export class AdminApplicationListView {
  @ApiProperty({ type: [AdminApplicationView] }) items: AdminApplicationView[];
}

export class SuggestedPeerView extends PersonRefView {
  @ApiProperty() bio: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ nullable: true, type: String }) pronouns: string | null;
}

export class SuggestionView {
  @ApiProperty({ type: SuggestedPeerView }) peer: SuggestedPeerView;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String], example: ['speaks Spanish', 'shares: work, voices', 'available now'] }) reasons: string[];
  @ApiProperty() availableNow: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Median recent time to acceptance (null: too little history to say)' })
  waitEstimateMinutes: number | null;
}

export class WaitingCrisisResourcesView {
  @ApiProperty({ type: [SafetyPlanPartView], description: 'Your own safety plan first' }) personalPlan: SafetyPlanPartView[];
  @ApiProperty({ type: [CrisisResourceView], description: 'One or two resources for your language and country' }) resources: CrisisResourceView[];
  @ApiProperty({ type: [CrisisResourceView] }) more: CrisisResourceView[];
}

export class SupportRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['waiting', 'accepted', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['first_available', 'peer'] }) choice: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) chosenPeerId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) themeIds: string[];
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) communityId: string | null;
  @ApiProperty({ enum: ['new', 'rematch', 'handover'] }) origin: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'When it is (or was) shown to every available peer' }) widensAt: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) sessionId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) roomId: string | null;
  @ApiProperty({ type: [SuggestionView], description: 'Ranked, best first (while waiting)' }) suggestions: SuggestionView[];
  @ApiProperty({ nullable: true, type: Number, description: 'For "first available": median recent time to acceptance' })
  waitEstimateMinutes: number | null;
  @ApiProperty({ type: WaitingCrisisResourcesView, description: 'Sent privately to you while you wait' }) crisisResources: WaitingCrisisResourcesView;
}

export class QueueItemView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: PersonRefView }) requester: PersonRefView;
  @ApiProperty({ type: [ThemeRefView] }) themes: ThemeRefView[];
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() waitingMinutes: number;
  @ApiProperty({ description: 'The member chose you' }) chosenYou: boolean;
  @ApiProperty({ description: 'Shown to every available peer because nobody took it in time' }) widened: boolean;
  @ApiProperty({ enum: ['new', 'rematch', 'handover'] }) origin: string;
}

export class QueueView {
  @ApiProperty({ type: [QueueItemView], description: 'Oldest first' }) items: QueueItemView[];
}

export class AcceptedView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
}

export class HandoverView {
  @ApiProperty({ type: PersonRefView }) toPeer: PersonRefView;
  @ApiProperty() proposedAt: string;
}

export class FeedbackView {
  @ApiProperty() rating: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() at: string;
}

export class SupportSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) requestId: string | null;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ enum: ['member', 'peer'], description: 'Your side of the session' }) yourRole: 'member' | 'peer';
  @ApiProperty({ type: PersonRefView, nullable: true }) member: PersonRefView | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) peer: PersonRefView | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '`ended`, `handover`; a re-match reads `ended` to the peer (no reason is given)' })
  endReason: string | null;
  @ApiProperty({ type: HandoverView, nullable: true }) handover: HandoverView | null;
  @ApiProperty({ type: FeedbackView, nullable: true }) feedback: FeedbackView | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The follow-up request (re-match or handover)' })
  nextRequestId?: string | null;
}

export class SupportSessionListView {
  @ApiProperty({ type: [SupportSessionView] }) items: SupportSessionView[];
}

export class FeedbackItemView extends FeedbackView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
}

export class FeedbackListView {
  @ApiProperty({ type: [FeedbackItemView] }) items: FeedbackItemView[];
}

export class AdminPeerView {
  @ApiProperty({ type: PersonRefView }) user: PersonRefView;
  @ApiProperty({ enum: ['member', 'peer', 'admin'] }) role: string;
  @ApiProperty({ enum: ['verified', 'expired', 'pending', 'rejected', 'none'] }) verificationState: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) verifiedUntil: string | null;
  @ApiProperty({ nullable: true, type: Number }) daysToExpiry: number | null;
  @ApiProperty() pendingRecords: number;
  @ApiProperty() activeSessions: number;
  @ApiProperty() maxSessions: number;
  @ApiProperty() acceptingRequests: boolean;
  @ApiProperty({ nullable: true, type: String }) pausedUntil: string | null;
}

export class AdminPeerListView {
  @ApiProperty({ type: [AdminPeerView] }) items: AdminPeerView[];
}

export class WeekCountView {
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty() sessions: number;
}

export class FeedbackAggregateView {
  @ApiProperty() count: number;
  @ApiProperty({ nullable: true, type: Number }) averageRating: number | null;
  @ApiProperty({ description: 'How many ratings of 1 … 5', example: { '1': 0, '2': 1, '3': 2, '4': 5, '5': 9 } })
  distribution: Record<string, number>;
}

export class SupportStatsView {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: the whole platform' }) communityId: string | null;
  @ApiProperty() waitingRequests: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median minutes the waiting requests have waited so far' }) medianWaitMinutes: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Median minutes from request to acceptance, last 30 days' }) medianAcceptanceMinutes: number | null;
  @ApiProperty({ type: [WeekCountView], description: 'Sessions started per week, last 8 weeks' }) sessionsPerWeek: WeekCountView[];
  @ApiProperty({ type: FeedbackAggregateView, description: 'Aggregates only: never individual notes' }) feedback: FeedbackAggregateView;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageView } from '@hearth/chat';

export class ReportCreatedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: string;
}

export class MyReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) messageId: string | null;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The action taken (e.g. dismiss, warn, mute), once resolved; nothing else about the other person' })
  outcome: string | null;
  @ApiProperty() createdAt: string;
}

export class MyReportListView {
  @ApiProperty({ type: [MyReportView] }) items: MyReportView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) roomId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) communityId: string | null;
  @ApiProperty({ enum: ['report', 'concern', 'automod', 'hold', 'crisis', 'pile_on'] }) kind: string;
  @ApiProperty({ enum: ['crisis', 'pile_on', 'normal'] }) priority: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: string;
  @ApiProperty() reportCount: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) messageId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) targetUserId: string | null;
  @ApiProperty({ description: 'A report came from someone the person has blocked: a second moderator should look' }) needsSecondReview: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) claimedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty() createdAt: string;
}

export class CaseListView {
  @ApiProperty({ type: [CaseView] }) items: CaseView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CaseReportView {
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() secondReview: boolean;
  @ApiProperty() createdAt: string;
}

export class CaseNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorId: string | null;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

export class PriorActionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() action: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) roomId: string | null;
  @ApiProperty() rule: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty({ nullable: true, type: String }) liftedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class CaseDetailView extends CaseView {
  @ApiProperty({ type: [CaseReportView], description: 'Reasons and notes; reporters are not named' }) reports: CaseReportView[];
  @ApiProperty({ type: [MessageView], description: 'The message and a few around it (hidden and held ones shown to moderators, marked)' }) context: MessageView[];
  @ApiProperty({ type: [PriorActionView], description: 'The person’s prior actions in this community' }) priorActions: PriorActionView[];
  @ApiProperty({ type: [CaseNoteView] }) notes: CaseNoteView[];
}

export class ActionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() action: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) targetUserId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) roomId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) communityId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) messageId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId: string | null;
  @ApiProperty() rule: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty() createdAt: string;
}

export class RestrictionView {
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) roomId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) communityId: string | null;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty() rule: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Not appealed yet' }) appealable: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['pending', 'granted', 'denied'] }) appealStatus: string | null;
  @ApiProperty() createdAt: string;
}

export class RestrictionListView {
  @ApiProperty({ type: [RestrictionView] }) items: RestrictionView[];
}

export class AppealView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() statement: string;
  @ApiProperty({ enum: ['pending', 'granted', 'denied'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: ActionView }) actionTaken?: ActionView;
}

export class AppealListView {
  @ApiProperty({ type: [AppealView] }) items: AppealView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditEntryViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) communityId: string | null;
  @ApiProperty({ nullable: true, type: String }) roomId: string | null;
  @ApiProperty({ nullable: true, type: String }) targetType: string | null;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String }) rule: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryViewDoc] }) items: AuditEntryViewDoc[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AutomodRuleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty({ type: [String] }) phrases: string[];
  @ApiProperty({ enum: ['block', 'hold', 'flag', 'nudge'] }) action: string;
  @ApiProperty({ nullable: true, type: String }) rule: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'The default labeling list (editable like any rule)' }) isDefault: boolean;
  @ApiProperty() createdAt: string;
}

export class AutomodRuleListView {
  @ApiProperty({ type: [AutomodRuleView] }) items: AutomodRuleView[];
}

export class CrisisPhraseSetView {
  @ApiProperty() language: string;
  @ApiProperty({ type: [String] }) phrases: string[];
}

export class CrisisPhrasesView {
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty({ description: 'True while the platform defaults apply' }) isDefault: boolean;
  @ApiProperty({ type: [CrisisPhraseSetView] }) items: CrisisPhraseSetView[];
}

export class CrisisResourceView {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String }) hours: string | null;
  @ApiProperty({ type: [String], description: 'ISO 3166-1 alpha-2 codes served; empty: anywhere' }) countries: string[];
  @ApiProperty({ type: [String], description: 'ISO 639-1 codes; empty: any' }) languages: string[];
  @ApiProperty({ format: 'date' }) lastVerifiedOn: string;
}

export class CrisisResourceListView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) communityId: string | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ type: [CrisisResourceView] }) resources: CrisisResourceView[];
}

export class SafetyPlanPartView {
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) items: string[];
}

export class SupportNowView {
  @ApiProperty({ type: [SafetyPlanPartView], description: 'The person’s own safety plan, first, when they have one' }) personalPlan: SafetyPlanPartView[];
  @ApiProperty({ type: [CrisisResourceView], description: 'One or two resources for their language and country' }) resources: CrisisResourceView[];
  @ApiProperty({ type: [CrisisResourceView], description: 'More resources' }) more: CrisisResourceView[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'A peer-support request, once peer support is available' }) supportRequestId: string | null;
}

export class NeedsResponseItemView {
  @ApiProperty({ format: 'uuid' }) messageId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() waitingMinutes: number;
}

export class NeedsResponseListView {
  @ApiProperty({ type: [NeedsResponseItemView] }) items: NeedsResponseItemView[];
}

export class ModerationSettingsView {
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() needsResponseMinutes: number;
  @ApiProperty() pileOnWindowMinutes: number;
  @ApiProperty() pileOnThreshold: number;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The person's own safety plan, in the well-known steps. One per person. */
@Entity('safety_plans')
export class SafetyPlan {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'warning_signs', type: 'text', array: true, default: () => "'{}'" })
  warningSigns: string[];

  @Column({ name: 'coping_strategies', type: 'text', array: true, default: () => "'{}'" })
  copingStrategies: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  distractions: string[];

  @Column({ name: 'people_i_can_ask', type: 'text', array: true, default: () => "'{}'" })
  peopleICanAsk: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services: string[];

  @Column({ name: 'safer_space', type: 'text', array: true, default: () => "'{}'" })
  saferSpace: string[];

  @Column({ name: 'what_matters', type: 'text', array: true, default: () => "'{}'" })
  whatMatters: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

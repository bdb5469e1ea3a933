import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { MessageView } from '@/lib/api/client';
import { MessageItem, PendingItem } from './MessageItem';

const base: MessageView = {
  id: 'm1',
  roomId: 'r',
  seq: 1,
  clientMsgId: 'c1',
  author: { id: 'u2', username: 'sam', displayName: 'Sam' },
  body: 'hello',
  replyToId: null,
  createdAt: '2026-01-01T10:00:00Z',
  editedAt: null,
  deletedAt: null,
  hidden: false,
  reactions: [{ emoji: '🌱', count: 2 }],
};

describe('MessageItem', () => {
  it('shows who wrote what, with reactions and actions', () => {
    render(<MessageItem message={base} mine={false} onAction={vi.fn()} />);
    expect(screen.getByRole('article', { name: 'Message from Sam' })).toHaveTextContent('hello');
    expect(screen.getByRole('button', { name: '🌱: 2. Add yours' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });

  it('offers edit and delete only on my own messages', () => {
    render(<MessageItem message={base} mine onAction={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  });

  it('shows a taken-back message kindly, without its body or actions', () => {
    render(<MessageItem message={{ ...base, body: null, deletedAt: '2026-01-01T11:00:00Z' }} mine={false} onAction={vi.fn()} />);
    expect(screen.getByText('This message was taken back by the person who wrote it.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Reply/ })).not.toBeInTheDocument();
  });

  it('says a message set aside by a moderator is set aside', () => {
    render(<MessageItem message={{ ...base, body: null, hidden: true }} mine={false} onAction={vi.fn()} />);
    expect(screen.getByText('This message was set aside by a moderator.')).toBeInTheDocument();
  });
});

describe('PendingItem', () => {
  it('shows an outbox message as sending, and a refused one with a way to try again', () => {
    const item = { clientMsgId: 'c', roomId: 'r', body: 'hi', createdAt: '', attempts: 1, status: 'sending' as const };
    const { rerender } = render(<PendingItem item={item} onRetry={vi.fn()} onDiscard={vi.fn()} />);
    expect(screen.getByRole('article', { name: 'Your message, not yet delivered' })).toHaveTextContent('Sending…');
    rerender(<PendingItem item={{ ...item, status: 'failed', errorCode: 'MUTED' }} onRetry={vi.fn()} onDiscard={vi.fn()} />);
    expect(screen.getByText('You are paused from posting here for a while.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('MessageItem placeholders', () => {
  it('says a message from someone I blocked is from someone I blocked, and a held one waits for a moderator', () => {
    const { rerender } = render(<MessageItem message={{ ...base, body: null, placeholder: 'blocked' }} mine={false} onAction={vi.fn()} />);
    expect(screen.getByText('A message from someone you blocked.')).toBeInTheDocument();
    rerender(<MessageItem message={{ ...base, body: null, placeholder: 'held' }} mine={false} onAction={vi.fn()} />);
    expect(screen.getByText('This message is waiting for a moderator to look at it.')).toBeInTheDocument();
    rerender(<MessageItem message={{ ...base, held: true }} mine onAction={vi.fn()} />);
    expect(screen.getByText(/Only you can see this for now/)).toBeInTheDocument();
  });
});

describe('PendingItem nudges', () => {
  it("shows the community's nudge in its own words and offers to send anyway", () => {
    const send = vi.fn();
    const item = { clientMsgId: 'c', roomId: 'r', body: 'hi', createdAt: '', attempts: 1, status: 'failed' as const, errorCode: 'NUDGE', errorMessage: 'That word can hurt. Send anyway?' };
    render(<PendingItem item={item} onRetry={vi.fn()} onDiscard={vi.fn()} onSendAnyway={send} />);
    expect(screen.getByText('That word can hurt. Send anyway?')).toBeInTheDocument();
    screen.getByRole('button', { name: 'Send anyway' }).click();
    expect(send).toHaveBeenCalled();
  });
});

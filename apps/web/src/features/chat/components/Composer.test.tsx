import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';

const people = [
  { id: '1', username: 'sam_r', displayName: 'Sam' },
  { id: '2', username: 'river', displayName: 'River' },
];

function renderComposer(onSend = vi.fn()) {
  render(<Composer people={people} replyTo={null} editing={null} onCancel={vi.fn()} onSend={onSend} onTyping={vi.fn()} onStopTyping={vi.fn()} />);
  return { onSend, box: screen.getByRole('textbox', { name: 'Message' }) };
}

describe('Composer', () => {
  it('sends on Enter and starts a new line on Shift+Enter', async () => {
    const { onSend, box } = renderComposer();
    await userEvent.type(box, 'first line{Shift>}{Enter}{/Shift}second{Enter}');
    expect(onSend).toHaveBeenCalledWith('first line\nsecond');
    expect(box).toHaveValue('');
  });

  it('offers people after @ and picks one with the keyboard', async () => {
    const { onSend, box } = renderComposer();
    await userEvent.type(box, 'thanks @r');
    const list = screen.getByRole('listbox', { name: 'People to mention' });
    expect(list).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /River/ })).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: /River/ }).id);
    await userEvent.keyboard('{Enter}');
    expect(box).toHaveValue('thanks @river ');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await userEvent.keyboard('x{Enter}');
    expect(onSend).toHaveBeenCalledWith('thanks @river x');
  });

  it('closes the suggestions on Escape without changing the text', async () => {
    const { box } = renderComposer();
    await userEvent.type(box, '@s');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(box).toHaveValue('@s');
  });

  it('does not send an empty message', async () => {
    const { onSend, box } = renderComposer();
    await userEvent.type(box, '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });
});

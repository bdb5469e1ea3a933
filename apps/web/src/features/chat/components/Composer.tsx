import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button as AriaButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui';
import type { MessageView } from '@/lib/api/client';
import { insertMention, matchPeople, mentionAt, type Person } from '../hooks/mentions';

const MAX = 4000;

interface Props {
  people: Person[];
  replyTo: MessageView | null;
  editing: MessageView | null;
  onCancel: () => void;
  onSend: (body: string) => void;
  onTyping: () => void;
  onStopTyping: () => void;
}

/**
 * Where a message is written. Enter sends, Shift+Enter starts a new line. Typing @ offers the
 * people of the room (arrow keys to choose, Enter or Tab to pick, Escape to close) in an ARIA combobox.
 */
export function Composer({ people, replyTo, editing, onCancel, onSend, onTyping, onStopTyping }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const hintId = useId();

  if (editing && editing.id !== editingId) {
    setEditingId(editing.id);
    setText(editing.body ?? '');
  } else if (!editing && editingId) {
    setEditingId(null);
    setText('');
  }

  const mention = dismissed ? null : mentionAt(text, caret);
  const matches = mention ? matchPeople(people, mention.query) : [];
  const open = matches.length > 0;

  const pick = (p: Person) => {
    if (!mention) return;
    const next = insertMention(text, mention.start, caret, p.username);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (!body) return;
    onSend(body);
    setText('');
    setCaret(0);
    onStopTyping();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(matches[Math.min(active, matches.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (e.key === 'Escape' && (replyTo || editing)) {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label={t('chat.composerLabel')}>
      {(replyTo || editing) && (
        <div className="composer-context small">
          <span>
            {editing ? t('chat.editingYours') : t('chat.replyingTo', { name: replyTo?.author?.displayName ?? t('chat.someone') })}
          </span>
          <AriaButton className="icon-button" onPress={onCancel}>
            {t('common.cancel')}
          </AriaButton>
        </div>
      )}
      <div className="composer-row">
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          {t('chat.writeLabel')}
        </label>
        <div className="composer-input">
          <textarea
            id={`${listId}-input`}
            ref={ref}
            value={text}
            rows={2}
            maxLength={MAX}
            placeholder={t('chat.placeholder')}
            aria-describedby={hintId}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart);
              setActive(0);
              setDismissed(false);
              onTyping();
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={onStopTyping}
          />
          {open && (
            <ul id={listId} role="listbox" className="mention-list" aria-label={t('chat.mentionList')}>
              {matches.map((p, i) => (
                <li
                  key={p.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(p);
                  }}
                >
                  {p.displayName} <span className="muted">@{p.username}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Button type="submit" variant="primary" isDisabled={!text.trim()}>
          {editing ? t('chat.save') : t('chat.send')}
        </Button>
      </div>
      <p id={hintId} className="visually-hidden">
        {t('chat.composerHint')}
      </p>
    </form>
  );
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThemeRef } from '../api/themes';
import { ThemePicker } from './ThemePicker';

const THEMES = [
  { id: 't1', name: 'sleep', description: 'sleep', groupCount: 2, createdAt: '' },
  { id: 't2', name: 'grief', description: 'grief', groupCount: 1, createdAt: '' },
];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function Harness({ onChange }: { onChange: (v: ThemeRef[]) => void }) {
  const [value, setValue] = useState<ThemeRef[]>([]);
  return (
    <ThemePicker
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

describe('ThemePicker', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const url = new URL(req.url, 'http://x');
        if (req.method === 'GET' && url.pathname === '/api/themes') return json({ items: THEMES, nextCursor: null });
        if (req.method === 'POST' && url.pathname === '/api/themes') {
          const body = (await req.json()) as { name: string };
          if (body.name.toLowerCase() === 'sleep') return json({ statusCode: 409, code: 'THEME_EXISTS', message: 'exists', details: { themeId: 't1', name: 'sleep' } }, 409);
          return json({ id: 't9', name: body.name, description: body.name, groupCount: 0, createdAt: '', similar: [] }, 201);
        }
        return json({}, 404);
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  const renderPicker = () => {
    const onChange = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <Harness onChange={onChange} />
      </QueryClientProvider>,
    );
    return onChange;
  };

  it('picks and unpicks a theme with toggle buttons that say whether they are pressed', async () => {
    const onChange = renderPicker();
    const sleep = await screen.findByRole('button', { name: 'sleep' });
    expect(sleep).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(sleep);
    expect(onChange).toHaveBeenLastCalledWith([{ id: 't1', name: 'sleep' }]);
    expect(screen.getByRole('button', { name: /sleep/ , pressed: true })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove sleep' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('adds a theme in the person’s own words', async () => {
    const onChange = renderPicker();
    await userEvent.type(screen.getByRole('textbox', { name: 'Add a theme in your words' }), 'walking at dawn');
    await userEvent.click(screen.getByRole('button', { name: 'Add theme' }));
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith([{ id: 't9', name: 'walking at dawn' }]));
    expect(screen.getByText('Added walking at dawn to your themes.')).toBeInTheDocument();
  });

  it('picks the existing theme when the same one is proposed again, and says so', async () => {
    const onChange = renderPicker();
    await userEvent.type(screen.getByRole('textbox', { name: 'Add a theme in your words' }), 'Sleep');
    await userEvent.click(screen.getByRole('button', { name: 'Add theme' }));
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith([{ id: 't1', name: 'sleep' }]));
    expect(screen.getByText('sleep already existed, so we picked it for you.')).toBeInTheDocument();
  });
});

import { cellHtml, escapeHtml, htmlHead, htmlRow, rowJson, sectionTitle } from './export-format';

describe('export formatting', () => {
  it('escapes everything a person wrote, so a message can never become markup or script', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(htmlRow(['body'], { body: '<img src=x onerror=alert(1)>' })).toBe('<tr><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>\n');
    expect(htmlHead('<b>me</b>', 'now', ['a"b'])).not.toMatch(/<b>me<\/b>|a"b/);
  });

  it('shows dates in ISO form and lists as JSON', () => {
    expect(cellHtml(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(cellHtml(['a', '<b>'])).toBe('[&quot;a&quot;,&quot;&lt;b&gt;&quot;]');
    expect(cellHtml(null)).toBe('');
  });

  it('names sections readably and serialises bigints', () => {
    expect(sectionTitle('recoveryCheckIns')).toBe('Recovery check ins');
    expect(rowJson({ n: BigInt(5) })).toBe('{"n":"5"}');
  });
});

import { describe, expect, it } from 'vitest';
import { renderEmail, renderSms } from './render-message';

describe('message templates', () => {
  const vars = { firmName: 'Doe & Roe LLP', message: 'Hi <b>Ann</b> & co.\n\nSee <script>alert(1)</script>', subject: 'Re: <case>' };

  it('escapes what was typed in the HTML part and keeps the text part as typed', () => {
    const { html, text } = renderEmail('staff-message', vars);
    expect(html).toContain('Hi &lt;b&gt;Ann&lt;/b&gt; &amp; co.');
    expect(html).toContain('See &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<title>Re: &lt;case&gt;</title>');
    expect(html).toContain('Doe &amp; Roe LLP');
    expect(text).toBe('Hi <b>Ann</b> & co.\n\nSee <script>alert(1)</script>\n\n--\nDoe & Roe LLP\n');
  });

  it('names the firm in a text and says how to stop texts the first time', () => {
    expect(renderSms('staff-message', { firmName: 'Doe & Roe', message: 'Call us', firstText: true })).toBe('Doe & Roe: Call us Reply STOP to stop texts.');
    expect(renderSms('staff-message', { firmName: 'Doe & Roe', message: 'Call us' })).toBe('Doe & Roe: Call us');
  });
});

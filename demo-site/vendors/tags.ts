import type { DemoVendorHost } from '../site-config.ts';

/**
 * What each fake vendor's tag does once it runs, the way real ones do: write cookies, fire pixels, call home with
 * fetch, XHR and beacons, inject more tags later. Each call is a request the blocking must stop when forbidden.
 */
export function vendorTag(host: DemoVendorHost, origin: string): string {
  const home = JSON.stringify(origin);
  switch (host) {
    case 'analytics':
      return `navigator.sendBeacon(${home} + '/collect', JSON.stringify({ page: location.pathname }));`;
    case 'ads':
      return [
        `document.cookie = '_adp=' + Math.random().toString(36).slice(2) + '; path=/; max-age=31536000';`,
        `new Image().src = ${home} + '/pixel.gif?event=pageview';`,
        `fetch(${home} + '/events', { method: 'POST', body: 'pageview', mode: 'no-cors' }).catch(() => {});`,
        // A second tag injected later, the case consent managers that scan the HTML once miss.
        `setTimeout(() => { const s = document.createElement('script'); s.src = ${home} + '/retarget.js'; document.head.appendChild(s); }, 1500);`,
      ].join('\n');
    case 'broker':
      return [
        `document.cookie = '_dbk_id=' + Math.random().toString(36).slice(2) + '; path=/; max-age=31536000';`,
        `const x = new XMLHttpRequest(); x.open('POST', ${home} + '/sync'); x.send(document.cookie);`,
      ].join('\n');
    case 'quiz':
      return `for (const box of document.querySelectorAll('[data-quiz]')) {
  box.textContent = 'Health quiz loaded: which skin condition do you have? (sensitive personal information)';
}`;
    case 'video':
      return '';
  }
}

export function vendorFrame(host: DemoVendorHost): string {
  return `<!doctype html><html lang="en"><title>${host}</title><body style="margin:0;font:16px system-ui;display:grid;place-items:center;height:100vh;background:#222;color:#fff">
<p>▶ ${host === 'video' ? 'Product video (served by the video vendor)' : host}</p></body></html>`;
}

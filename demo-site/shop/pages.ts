import type { ReadableMail } from '../../shared/admin.ts';

export interface PageContext {
  collectorUrl: string;
  vendorUrl(host: string): string;
}

const products = [
  { id: 'mug', name: 'Enamel camping mug', price: '$14.00', blurb: 'Holds coffee, tea, or a small campfire stew.' },
  { id: 'lamp', name: 'Brass reading lamp', price: '$89.00', blurb: 'A warm light for long privacy policies.' },
  { id: 'socks', name: 'Merino hiking socks', price: '$22.00', blurb: 'Three pairs, no tracking pixels woven in.' },
];

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Every page embeds the script first in `<head>` and marks its vendor tags the way DESIGN.md says:
 * `type="text/plain" data-cordon="<purposes>"` for scripts, and a `<template data-cordon>` around the video frame, so
 * no empty frame is built while it is held (`data-src` works too, but starts an empty frame).
 */
export function layout(context: PageContext, title: string, main: string, pageScript?: string): string {
  const v = context.vendorUrl;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Cordon demo shop</title>
<script src="${context.collectorUrl}/s/demo/cordon.js"></script>
<link rel="stylesheet" href="/assets/shop.css">
<script src="${v('analytics')}/tag.js"></script>
<script type="text/plain" data-cordon="sharing" src="${v('ads')}/tag.js"></script>
<script type="text/plain" data-cordon="sale" src="${v('broker')}/tag.js"></script>
<script src="/assets/panel.js" defer></script>
${pageScript ? `<script src="/assets/${pageScript}.js" defer></script>` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Cordon demo shop</a>
  <nav aria-label="Shop"><a href="/">Home</a> <a href="/product">Product</a> <a href="/checkout">Checkout</a> <a href="/privacy">Privacy requests</a> <a href="/account">Account</a></nav>
</header>
<div class="columns">
<main id="main">
${main}
</main>
<aside class="panel" aria-labelledby="panel-title" data-demo-panel>
  <h2 id="panel-title">What Cordon is doing</h2>
  <p data-panel-state>Reading your choices…</p>
  <h3>Held on this page</h3>
  <ul data-panel-held></ul>
  <h3>Requests that reached the vendors</h3>
  <ul data-panel-hits></ul>
  <button type="button" data-panel-reset>Clear the vendor log</button>
</aside>
</div>
<footer class="bottom">
  <span data-cordon-link></span>
  <a href="/privacy">Submit a privacy request</a>
</footer>
</body>
</html>`;
}

export function homePage(context: PageContext): string {
  const cards = products.map((product) => `<li class="card"><h3><a href="/product?id=${product.id}">${product.name}</a></h3>
<p>${product.blurb}</p><p class="price">${product.price}</p></li>`).join('\n');
  return layout(context, 'Home', `<h1>Gear for careful people</h1>
<p>Every third-party tag on this shop is a fake vendor on <code>*.localhost:${new URL(context.vendorUrl('ads')).port}</code>.
Turn on Global Privacy Control in your browser, or use "Your Privacy Choices" at the bottom, and watch the panel.</p>
<ul class="cards">${cards}</ul>`);
}

export function productPage(context: PageContext, id: string | undefined): string {
  const product = products.find((candidate) => candidate.id === id) ?? products[0]!;
  const v = context.vendorUrl;
  return layout(context, product.name, `<h1>${product.name}</h1>
<p>${product.blurb}</p>
<p class="price">${product.price}</p>
<h2>Watch it in use</h2>
<div class="video-slot"><template data-cordon="sharing"><iframe class="video" title="Product video" width="560" height="315" src="${v('video')}/embed.html"></iframe></template></div>
<h2>Find your fit</h2>
<div class="quiz" data-quiz>The health quiz loads unless you limit the use of your sensitive personal information.</div>
<script type="text/plain" data-cordon="sensitive" src="${v('quiz')}/widget.js"></script>
<form action="/checkout"><input type="hidden" name="item" value="${product.id}"><button class="primary">Add to cart</button></form>`);
}

export function checkoutPage(context: PageContext): string {
  return layout(context, 'Checkout', `<h1>Checkout</h1>
<form class="stack" data-checkout data-conversion="${context.vendorUrl('ads')}/conversion.gif?value=14">
  <label for="name">Name</label><input id="name" autocomplete="name" required>
  <label for="address">Address</label><input id="address" autocomplete="street-address" required>
  <button class="primary">Place order</button>
  <p role="status" data-checkout-status></p>
</form>`, 'checkout');
}

/** Signed in, the address is the account's and the account verifies the request; signed out, a mailed code does. */
export function privacyPage(context: PageContext, customer?: { email: string; fullName: string }): string {
  const email = customer ? ` value="${escapeHtml(customer.email)}" readonly` : '';
  return layout(context, 'Privacy requests', `<h1>Privacy requests</h1>
<p>Ask to know, delete or correct what this shop holds about you, or to opt out. You do not need an account.
Opting out and limiting sensitive information take effect at once, with no verification.</p>
${customer ? `<p>You are signed in as ${escapeHtml(customer.fullName)}: your account verifies this request, no code needed.</p>` : ''}
<form class="stack" data-request-form novalidate${customer ? ' data-signed-in' : ''}>
  <label for="type">What do you want to do?</label>
  <select id="type" name="type" required>
    <option value="" selected disabled>Choose a request</option>
    <option value="know-categories">Know the categories of personal information collected</option>
    <option value="know-specific">Get a copy of the personal information you hold about me</option>
    <option value="delete">Delete my personal information</option>
    <option value="correct">Correct inaccurate personal information</option>
    <option value="opt-out">Opt out of sale and sharing</option>
    <option value="limit">Limit the use of my sensitive personal information</option>
  </select>
  <label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required${email}>
  <label for="name">Name (optional)</label><input id="name" name="name" autocomplete="name">
  <div class="stack" data-correction hidden>
    <label for="inaccurate">What is inaccurate?</label><textarea id="inaccurate" name="inaccurate"></textarea>
    <label for="correction">What should it say?</label><textarea id="correction" name="correction"></textarea>
  </div>
  <button class="primary">Send request</button>
</form>
<div role="status" data-request-result></div>
<form class="stack" data-verify-form hidden>
  <label for="code">The six-digit code we mailed you</label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required>
  <button class="primary">Verify</button>
  <p role="status" data-verify-result></p>
</form>`, 'privacy');
}

/** The demo runs without SMTP, so the collector keeps its mail; this shows it, as a mail client would. */
export function inboxPage(context: PageContext, mail: ReadableMail[], requestId: string | undefined): string {
  const items = mail.map((message) => `<li class="mail"><h2>${escapeHtml(message.subject)}</h2>
<p class="meta">To ${escapeHtml(message.to ?? '(removed)')} · ${escapeHtml(message.createdAt)}</p>
<pre>${message.text === null ? '(removed)' : linkedText(message.text)}</pre></li>`).join('\n');
  const scope = requestId
    ? `<p>The mail about one request. <a href="/inbox">Show all recent mail</a>.</p>`
    : '<p>The most recent mail, newest first.</p>';
  return layout(context, 'Demo inbox', `<h1>Demo inbox</h1>
<p>The collector runs without SMTP here, so it keeps the mail it would have sent. A real deployment sets <code>smtpUrl</code>.</p>
${scope}
<ul class="inbox">${items || '<li>No mail yet.</li>'}</ul>`);
}

/** Mail text with its web addresses made into links, as a mail client shows them; everything else escaped. */
function linkedText(text: string): string {
  return text.split(/(https?:\/\/[^\s<>"']+)/).map((part, index) => (index % 2 === 1
    ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>`
    : escapeHtml(part))).join('');
}

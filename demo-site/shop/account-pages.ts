import type { Customer, PlacedOrder } from './database/customers.ts';
import { escapeHtml, layout, type PageContext } from './pages.ts';

export function signInPage(context: PageContext, error?: string): string {
  return layout(context, 'Sign in', `<h1>Sign in</h1>
<p>The demo's customers all use the password <code>demo</code>: try <code>ada@example.com</code> or <code>grace@example.com</code>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form class="stack" method="post" action="/account/sign-in">
  <label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <button class="primary">Sign in</button>
</form>`);
}

const money = (amount: string) => `$${Number(amount).toFixed(2)}`;

function orderItem(order: PlacedOrder): string {
  const items = order.items.map((item) => `<li>${item.quantity} × ${escapeHtml(item.name)}</li>`).join('');
  return `<li class="order"><h3>Order ${order.id}, placed ${escapeHtml(order.placedAt)}</h3>
<ul>${items}</ul><p>Total ${money(order.total)} (tax ${money(order.tax)})</p></li>`;
}

export function accountPage(context: PageContext, customer: Customer, orders: PlacedOrder[]): string {
  return layout(context, 'Your account', `<h1>Hello, ${escapeHtml(customer.fullName)}</h1>
<p>Signed in as ${escapeHtml(customer.email)}.</p>
<form method="post" action="/account/sign-out"><button>Sign out</button></form>
<h2>Your orders</h2>
${orders.length > 0 ? `<ul class="orders">${orders.map(orderItem).join('\n')}</ul>` : '<p>No orders yet.</p>'}
<h2>Your data</h2>
<p>Because you are signed in, a request from the <a href="/privacy">privacy requests page</a> is verified by your account:
ask for a copy of everything the shop holds about you, or for it to be deleted.</p>`);
}

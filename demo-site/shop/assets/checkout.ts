// Placing the (fake) order fires the ad vendor's conversion pixel, a tag created long after load.
const form = document.querySelector<HTMLFormElement>('[data-checkout]')!;
const status = form.querySelector<HTMLElement>('[data-checkout-status]')!;
const adsOrigin = document.querySelector<HTMLScriptElement>('script[data-cordon="sharing"]')!.getAttribute('src')!.replace(/\/[^/]*$/, '');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  new Image().src = `${adsOrigin}/conversion.gif?value=14`;
  status.textContent = 'Thank you: your order is placed (not really, this is a demo).';
});

export {};

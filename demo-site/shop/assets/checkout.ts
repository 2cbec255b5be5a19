// Placing the (fake) order fires the ad vendor's conversion pixel, a tag created long after load. Its URL comes from
// the form: the ad script's own tag loses its src while Cordon holds it.
const form = document.querySelector<HTMLFormElement>('[data-checkout]')!;
const status = form.querySelector<HTMLElement>('[data-checkout-status]')!;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  new Image().src = form.dataset.conversion!;
  status.textContent = 'Thank you: your order is placed (not really, this is a demo).';
});

export {};

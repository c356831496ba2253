// Phone numbers as tel: links and addresses as mailto: links, so one tap calls or writes.
import { html, type TemplateResult } from 'lit';

/** "(555) 010-4400" becomes "tel:5550104400"; a leading + (international) is kept. */
export const telHref = (phone: string): string => `tel:${phone.trim().replace(/(?!^\+)[^\d]/g, '')}`;

export const phoneLink = (phone: string): TemplateResult =>
  html`<a class="contact" href=${telHref(phone)}>${phone}</a>`;

export const emailLink = (email: string): TemplateResult =>
  html`<a class="contact" href=${`mailto:${email}`}>${email}</a>`;

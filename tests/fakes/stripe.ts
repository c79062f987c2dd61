import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

/** A stored Stripe object: Stripe-shaped but loosely typed (the fake fills only the fields we use). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StripeObject = { id: string; object: string; [field: string]: any }
export type StripeEvent = Stripe.Event

/** A form-encoded body or query string, parsed: `a[b][0]=x` → `{ a: { b: ['x'] } }`. */
export type FormValue = string | FormValue[] | FormObject
export interface FormObject {
  [key: string]: FormValue
}

export type RecordedStripeRequest = {
  method: string
  path: string
  query: FormObject
  body: FormObject
  idempotencyKey?: string
  stripeAccount?: string
}

export type InvoiceEventType = 'invoice.paid' | 'invoice.payment_failed' | 'invoice.finalized'

const API_VERSION = '2026-11-18.endive'
const DAY = 24 * 60 * 60

/** Parses `application/x-www-form-urlencoded` with bracket keys into nested objects and arrays. */
export function parseForm(text: string): FormObject {
  const root: FormObject = {}
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const [, head = rawKey, brackets = ''] = /^([^[]*)(.*)$/.exec(rawKey) ?? []
    const keys = [head, ...[...brackets.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])]
    let node: FormObject = root
    keys.forEach((key, i) => {
      const k = key === '' ? String(Object.keys(node).length) : key
      if (i === keys.length - 1) node[k] = value
      else {
        const next = node[k]
        node = (next && typeof next === 'object' ? next : (node[k] = {})) as FormObject
      }
    })
  }
  return arrayify(root, '') as FormObject
}

/** Objects whose keys are all numeric become arrays (metadata keys are left alone). */
function arrayify(value: FormValue, key: string): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value
  const entries = Object.entries(value).map(([k, v]) => [k, arrayify(v, k)] as const)
  const numeric = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))
  if (!numeric || key === 'metadata') return Object.fromEntries(entries)
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v)
}

const asObject = (v: FormValue | undefined): FormObject =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : {}
const asList = (v: FormValue | undefined): FormValue[] =>
  Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []
const asString = (v: FormValue | undefined): string | null =>
  typeof v === 'string' && v !== '' ? v : null
const asNumber = (v: FormValue | undefined): number | null =>
  typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null
const asBool = (v: FormValue | undefined): boolean | null =>
  v === 'true' ? true : v === 'false' ? false : null

/** Stripe's metadata update rule: merge keys, an empty value deletes one, `metadata=''` clears all. */
function mergeMetadata(current: Record<string, string>, update: FormValue | undefined) {
  if (update === '') return {}
  const next = { ...current }
  for (const [k, v] of Object.entries(asObject(update))) {
    if (v === '') delete next[k]
    else if (typeof v === 'string') next[k] = v
  }
  return next
}

const now = () => Math.floor(Date.now() / 1000)
const stamp = () => ({ created: now(), livemode: false })
const clone = <T>(value: T): T => structuredClone(value)
const newId = (prefix: string, length = 14) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return `${prefix}_${[...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('')}`
}

/** An error answered as Stripe's `{ error: { type, message, code?, param? } }`. */
class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message)
  }
  get body() {
    const { type, message, code, param } = this
    return { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } }
  }
}
const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, message, code, param)
/** A required form field, or Stripe's `parameter_missing` error. */
const required = (b: FormObject, param: string) => {
  const value = asString(b[param])
  if (value === null) throw invalid(`Missing required param: ${param}.`, param, 'parameter_missing')
  return value
}
const missing = (kind: string, id: string, param?: string, status = 400) =>
  new StripeApiError(status, `No such ${kind}: '${id}'`, 'resource_missing', param)

type Json = Record<string, unknown>
type LineItem = { price: StripeObject; quantity: number }
/** What a Checkout Session keeps for its completion (not part of the session Stripe shows). */
type SessionPlan = {
  lines: LineItem[]
  paymentIntentMetadata: Record<string, string>
  subscriptionMetadata: Record<string, string>
}

/**
 * A loopback stand-in for the Stripe API, enough for the real `stripe` SDK: customers, products,
 * prices, Checkout, subscriptions, Connect accounts and transfers, refunds, events. Point the SDK
 * at it with `{ host: '127.0.0.1', port, protocol: 'http' }`. Tests drive what Stripe would do on
 * its own (a customer paying, a renewal failing…) with the simulation helpers, which return the
 * event Stripe would send; `signed()` turns one into a webhook body and `Stripe-Signature` header.
 */
export async function startFakeStripe({ secretKey }: { secretKey: string }) {
  const requests: RecordedStripeRequest[] = []
  const objects = {
    customers: new Map<string, StripeObject>(),
    products: new Map<string, StripeObject>(),
    prices: new Map<string, StripeObject>(),
    checkoutSessions: new Map<string, StripeObject>(),
    subscriptions: new Map<string, StripeObject>(),
    invoices: new Map<string, StripeObject>(),
    paymentIntents: new Map<string, StripeObject>(),
    charges: new Map<string, StripeObject>(),
    refunds: new Map<string, StripeObject>(),
    accounts: new Map<string, StripeObject>(),
    transfers: new Map<string, StripeObject>(),
  }
  const events: StripeEvent[] = []
  /** Prices and products made inline (price_data): retrievable by expansion, not listed. */
  const inline = new Map<string, StripeObject>()
  const sessionPlans = new Map<string, SessionPlan>()
  const idempotent = new Map<string, { fingerprint: string; status: number; payload: Json }>()
  const failures: { method: string; pattern: RegExp; status: number }[] = []
  let lastEventCreated = 0
  let invoiceCount = 0
  /** The API request being handled, named on the events it causes (as Stripe does). */
  let activeRequest: { id: string | null; idempotency_key: string | null } | null = null

  const save = (map: Map<string, StripeObject>, object: StripeObject) => {
    map.set(object.id, object)
    return object
  }
  const find = (id: string): StripeObject | undefined => {
    for (const map of Object.values(objects)) if (map.has(id)) return map.get(id)
    return inline.get(id)
  }
  const mustGet = (map: Map<string, StripeObject>, kind: string, id: string) => {
    const object = map.get(id)
    if (!object) throw missing(kind, id, 'id', 404)
    return object
  }
  const lastEvent = () => events[events.length - 1]
  const helperGet = (map: Map<string, StripeObject>, kind: string, id: string) => {
    const object = map.get(id)
    if (!object) throw new Error(`fake stripe: no ${kind} ${id}`)
    return object
  }

  function record(type: string, object: Json, previous?: Json): StripeEvent {
    lastEventCreated = Math.max(now(), lastEventCreated + 1)
    const event = {
      id: newId('evt', 24),
      object: 'event',
      api_version: API_VERSION,
      created: lastEventCreated,
      livemode: false,
      pending_webhooks: 1,
      request: activeRequest ?? { id: null, idempotency_key: null },
      type,
      data: { object: clone(object), ...(previous ? { previous_attributes: previous } : {}) },
    } as unknown as StripeEvent
    events.push(event)
    return event
  }

  /** Records `<type>` with `previous_attributes`: the top-level fields that changed since `before`. */
  function recordUpdate(type: string, object: StripeObject, before: StripeObject) {
    const previous: Json = {}
    for (const key of new Set([...Object.keys(before), ...Object.keys(object)])) {
      if (JSON.stringify(before[key]) !== JSON.stringify(object[key]))
        previous[key] = before[key] ?? null
    }
    return record(type, object, previous)
  }

  // --- Customers, products, prices -------------------------------------------------------------

  function createCustomer(b: FormObject) {
    return save(objects.customers, {
      id: newId('cus'),
      object: 'customer',
      email: asString(b.email),
      name: asString(b.name),
      description: asString(b.description),
      metadata: mergeMetadata({}, b.metadata),
      ...stamp(),
    })
  }

  function createProduct(b: FormObject, isInline = false) {
    const name = required(b, 'name')
    const product: StripeObject = {
      id: newId('prod'),
      object: 'product',
      name,
      description: asString(b.description),
      active: true,
      metadata: mergeMetadata({}, b.metadata),
      ...stamp(),
    }
    return save(isInline ? inline : objects.products, product)
  }

  function createPrice(b: FormObject, isInline = false) {
    const currency = required(b, 'currency').toLowerCase()
    const unitAmount = asNumber(required(b, 'unit_amount'))
    if (unitAmount === null || unitAmount < 0) throw invalid('Invalid integer', 'unit_amount')
    let product = asString(b.product)
    if (product && !objects.products.has(product)) throw missing('product', product, 'product')
    if (!product) {
      if (!b.product_data) throw invalid('You must specify either `product` or `product_data`.')
      product = createProduct(asObject(b.product_data), isInline).id
    }
    const lookupKey = asString(b.lookup_key)
    const holder = [...objects.prices.values()].find((p) => lookupKey && p.lookup_key === lookupKey)
    if (holder && asBool(b.transfer_lookup_key) !== true) {
      throw invalid(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key')
    }
    if (holder) holder.lookup_key = null
    const recurring = b.recurring ? asObject(b.recurring) : null
    return save(isInline ? inline : objects.prices, {
      id: newId('price'),
      object: 'price',
      active: true,
      currency,
      unit_amount: unitAmount,
      product,
      type: recurring ? 'recurring' : 'one_time',
      recurring: recurring && {
        interval: asString(recurring.interval) ?? 'month',
        interval_count: asNumber(recurring.interval_count) ?? 1,
        usage_type: 'licensed',
      },
      lookup_key: lookupKey,
      nickname: asString(b.nickname),
      metadata: mergeMetadata({}, b.metadata),
      ...stamp(),
    })
  }

  /** Stripe's list page (items come newest first), with `limit` and `starting_after`. */
  function page(items: StripeObject[], q: FormObject, url: string): Json {
    const limit = Math.min(Math.max(asNumber(q.limit) ?? 10, 1), 100)
    const after = asString(q.starting_after)
    const start = after ? items.findIndex((item) => item.id === after) + 1 : 0
    if (after && start === 0) throw missing('object', after, 'starting_after')
    const data = items.slice(start, start + limit)
    return { object: 'list', data, has_more: start + limit < items.length, url }
  }

  /** `created=N` or `created[gt|gte|lt|lte]=N`. */
  function inRange(value: number, filter: FormValue | undefined) {
    if (filter === undefined) return true
    if (typeof filter === 'string') return value === Number(filter)
    const f = asObject(filter)
    const [gt, gte, lt, lte] = [f.gt, f.gte, f.lt, f.lte].map(asNumber)
    return (
      (gt === null || value > gt) &&
      (gte === null || value >= gte) &&
      (lt === null || value < lt) &&
      (lte === null || value <= lte)
    )
  }

  function listPrices(q: FormObject) {
    const lookupKeys = asList(q.lookup_keys).map(String)
    const active = asBool(q.active)
    const product = asString(q.product)
    const prices = [...objects.prices.values()]
      .reverse()
      .filter(
        (p) =>
          (!lookupKeys.length || lookupKeys.includes(p.lookup_key)) &&
          (active === null || p.active === active) &&
          (!product || p.product === product),
      )
    return page(prices, q, '/v1/prices')
  }

  // --- Checkout ----------------------------------------------------------------------------------

  function lineItem(raw: FormObject, i: number): LineItem {
    const quantity = asNumber(raw.quantity) ?? 1
    const priceId = asString(raw.price)
    if (priceId) {
      const price = objects.prices.get(priceId)
      if (!price) throw missing('price', priceId, `line_items[${i}][price]`)
      return { price, quantity }
    }
    if (raw.price_data) return { price: createPrice(asObject(raw.price_data), true), quantity }
    throw invalid(`You must specify either \`price\` or \`price_data\` in line_items[${i}].`)
  }

  function createCheckoutSession(b: FormObject) {
    const mode = asString(b.mode)
    if (mode !== 'payment' && mode !== 'subscription') {
      throw invalid('Invalid mode: must be one of payment or subscription (in this fake).', 'mode')
    }
    const customer = asString(b.customer)
    if (customer && !objects.customers.has(customer))
      throw missing('customer', customer, 'customer')
    const lines = asList(b.line_items).map((raw, i) => lineItem(asObject(raw), i))
    if (!lines.length)
      throw invalid(`\`line_items\` is required in \`${mode}\` mode.`, 'line_items')
    const recurring = lines.some((l) => l.price.recurring)
    if (mode === 'subscription' && !recurring) {
      throw invalid('You must provide at least one recurring price in `subscription` mode.')
    }
    if (mode === 'payment' && recurring) {
      throw invalid('You specified `payment` mode but passed a recurring price.')
    }
    const currency = lines[0].price.currency
    if (lines.some((l) => l.price.currency !== currency)) {
      throw invalid('All prices must use the same currency.', 'line_items')
    }
    const amount = lines.reduce((sum, l) => sum + l.price.unit_amount * l.quantity, 0)
    const id = newId('cs_test', 40)
    sessionPlans.set(id, {
      lines,
      paymentIntentMetadata: mergeMetadata({}, asObject(b.payment_intent_data).metadata),
      subscriptionMetadata: mergeMetadata({}, asObject(b.subscription_data).metadata),
    })
    const created = now()
    return save(objects.checkoutSessions, {
      id,
      object: 'checkout.session',
      url: `https://checkout.stripe.test/pay/${id}`,
      status: 'open',
      payment_status: 'unpaid',
      mode,
      amount_subtotal: amount,
      amount_total: amount,
      currency,
      customer,
      customer_email: asString(b.customer_email),
      client_reference_id: asString(b.client_reference_id),
      metadata: mergeMetadata({}, b.metadata),
      payment_intent: null,
      subscription: null,
      invoice: null,
      success_url: asString(b.success_url),
      cancel_url: asString(b.cancel_url),
      created,
      expires_at: created + DAY,
      livemode: false,
    })
  }

  function sessionLineItems(sessionId: string): Json {
    const data = (sessionPlans.get(sessionId)?.lines ?? []).map(({ price, quantity }) => ({
      id: newId('li'),
      object: 'item',
      description: (objects.products.get(price.product) ?? inline.get(price.product))?.name ?? null,
      price: clone(price),
      quantity,
      currency: price.currency,
      amount_subtotal: price.unit_amount * quantity,
      amount_total: price.unit_amount * quantity,
    }))
    const url = `/v1/checkout/sessions/${sessionId}/line_items`
    return { object: 'list', data, has_more: false, url }
  }

  function expireSession(session: StripeObject) {
    if (session.status !== 'open') {
      throw invalid(
        `Only Checkout Sessions with a status of \`open\` can be expired (${session.id} is ${session.status}).`,
      )
    }
    session.status = 'expired'
    record('checkout.session.expired', session)
    return session
  }

  // --- Subscriptions and invoices ----------------------------------------------------------------

  function subscriptionItem(sub: string, price: StripeObject, quantity: number): StripeObject {
    const start = now()
    return {
      id: newId('si'),
      object: 'subscription_item',
      subscription: sub,
      price: clone(price),
      quantity,
      current_period_start: start,
      current_period_end: start + 30 * DAY,
      metadata: {},
      created: start,
    }
  }

  function newInvoice(sub: StripeObject, id = newId('in')): StripeObject {
    const items: StripeObject[] = sub.items.data
    const amount = items.reduce((sum, it) => sum + it.price.unit_amount * it.quantity, 0)
    return save(objects.invoices, {
      id,
      object: 'invoice',
      customer: sub.customer,
      number: `RL-${String(++invoiceCount).padStart(4, '0')}`,
      status: 'draft',
      billing_reason: 'subscription_cycle',
      amount_due: amount,
      amount_paid: 0,
      amount_remaining: amount,
      currency: items[0]?.price.currency ?? 'usd',
      hosted_invoice_url: `https://invoice.stripe.test/${id}`,
      period_start: items[0]?.current_period_start ?? now(),
      period_end: items[0]?.current_period_end ?? now(),
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: sub.id, metadata: clone(sub.metadata) },
      },
      lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
      ...stamp(),
    })
  }

  const unpaid = (i: StripeObject) => ({
    status: 'open',
    amount_paid: 0,
    amount_remaining: i.amount_due,
  })
  const invoiceEffects: Record<InvoiceEventType, (invoice: StripeObject) => Json> = {
    'invoice.paid': (i) => ({ status: 'paid', amount_paid: i.amount_due, amount_remaining: 0 }),
    'invoice.payment_failed': unpaid,
    'invoice.finalized': unpaid,
  }

  function updateSubscriptionFromApi(id: string, b: FormObject) {
    const sub = mustGet(objects.subscriptions, 'subscription', id)
    const before = clone(sub)
    if (sub.status === 'canceled' && (b.items || b.cancel_at_period_end)) {
      throw invalid(
        'A canceled subscription can only update its cancellation_details and metadata.',
      )
    }
    const items: StripeObject[] = sub.items.data
    asList(b.items).forEach((raw, i) => {
      const change = asObject(raw)
      const itemId = asString(change.id)
      const item = itemId ? items.find((it) => it.id === itemId) : undefined
      if (itemId && !item) throw missing('subscription item', itemId, `items[${i}][id]`)
      if (item && asBool(change.deleted)) return items.splice(items.indexOf(item), 1)
      const priceId = asString(change.price)
      const price = priceId ? objects.prices.get(priceId) : undefined
      if (priceId && !price) throw missing('price', priceId, `items[${i}][price]`)
      if (price && !price.recurring) {
        throw invalid(
          'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.',
          `items[${i}][price]`,
        )
      }
      const quantity = asNumber(change.quantity)
      if (!item) {
        if (!price)
          throw invalid(`Missing required param: items[${i}][price].`, `items[${i}][price]`)
        return items.push(subscriptionItem(sub.id, price, quantity ?? 1))
      }
      if (price) item.price = clone(price)
      if (quantity !== null) item.quantity = quantity
    })
    const cancelAtPeriodEnd = asBool(b.cancel_at_period_end)
    if (cancelAtPeriodEnd !== null) {
      sub.cancel_at_period_end = cancelAtPeriodEnd
      sub.cancel_at = cancelAtPeriodEnd ? (items[0]?.current_period_end ?? null) : null
    }
    if (b.metadata !== undefined) sub.metadata = mergeMetadata(sub.metadata, b.metadata)
    if (asString(b.description) !== null) sub.description = asString(b.description)
    recordUpdate('customer.subscription.updated', sub, before)
    return sub
  }

  function cancelSubscription(sub: StripeObject) {
    if (sub.status === 'canceled') return sub
    const at = now()
    Object.assign(sub, {
      status: 'canceled',
      canceled_at: at,
      ended_at: at,
      cancel_at_period_end: false,
    })
    record('customer.subscription.deleted', sub)
    return sub
  }

  // --- Payments, refunds, Connect ----------------------------------------------------------------

  function refundCharge(charge: StripeObject, amount?: number | null) {
    const remaining = charge.amount - charge.amount_refunded
    if (remaining <= 0) {
      throw invalid(
        `Charge ${charge.id} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      )
    }
    const value = amount ?? remaining
    if (value <= 0 || value > remaining) {
      throw invalid(
        `Refund amount (${value}) is greater than unrefunded amount on charge (${remaining})`,
        'amount',
      )
    }
    const refund = save(objects.refunds, {
      id: newId('re'),
      object: 'refund',
      amount: value,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: charge.currency,
      status: 'succeeded',
      metadata: {},
      ...stamp(),
    })
    charge.amount_refunded += value
    charge.refunded = charge.amount_refunded >= charge.amount
    record('charge.refunded', charge)
    return refund
  }

  function chargeOf(paymentIntentId: string) {
    const pi = objects.paymentIntents.get(paymentIntentId)
    return pi ? objects.charges.get(pi.latest_charge) : undefined
  }

  function createAccount(b: FormObject) {
    const requested = Object.keys(asObject(b.capabilities))
    return save(objects.accounts, {
      id: newId('acct', 16),
      object: 'account',
      type: asString(b.type) ?? 'standard',
      email: asString(b.email),
      country: asString(b.country) ?? 'US',
      default_currency: 'usd',
      capabilities: Object.fromEntries(requested.map((c) => [c, 'inactive'])),
      payouts_enabled: false,
      charges_enabled: false,
      details_submitted: false,
      metadata: mergeMetadata({}, b.metadata),
      created: now(),
    })
  }

  function createTransfer(b: FormObject) {
    const amount = asNumber(required(b, 'amount'))
    if (amount === null || amount <= 0) throw invalid('Invalid positive integer', 'amount')
    const currency = required(b, 'currency').toLowerCase()
    const destination = required(b, 'destination')
    if (!objects.accounts.has(destination)) throw missing('destination', destination, 'destination')
    return save(objects.transfers, {
      id: newId('tr'),
      object: 'transfer',
      amount,
      amount_reversed: 0,
      currency,
      destination,
      description: asString(b.description),
      metadata: mergeMetadata({}, b.metadata),
      transfer_group: asString(b.transfer_group),
      source_transaction: asString(b.source_transaction),
      reversed: false,
      ...stamp(),
    })
  }

  function listEvents(q: FormObject) {
    const types = [...asList(q.types).map(String), ...(asString(q.type) ? [String(q.type)] : [])]
    const typeMatches = (type: string) =>
      !types.length ||
      types.some((t) => (t.endsWith('.*') ? type.startsWith(t.slice(0, -1)) : t === type))
    const matching = [...events]
      .sort((a, b) => b.created - a.created)
      .filter((e) => inRange(e.created, q.created) && typeMatches(e.type))
    return page(matching as unknown as StripeObject[], q, '/v1/events')
  }

  function updateCustomer(id: string, b: FormObject) {
    const customer = mustGet(objects.customers, 'customer', id)
    for (const key of ['email', 'name', 'description'] as const) {
      if (b[key] !== undefined) customer[key] = asString(b[key])
    }
    if (b.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata, b.metadata)
    return customer
  }

  function createRefund(b: FormObject) {
    const pi = asString(b.payment_intent)
    const chargeId =
      asString(b.charge) ?? (pi ? objects.paymentIntents.get(pi)?.latest_charge : null)
    const charge = chargeId ? objects.charges.get(chargeId) : undefined
    if (!charge && pi) throw missing('payment_intent', pi, 'payment_intent')
    if (!charge) throw missing('charge', chargeId ?? '', 'charge')
    const refund = refundCharge(charge, asNumber(b.amount))
    return Object.assign(refund, {
      metadata: mergeMetadata({}, b.metadata),
      reason: asString(b.reason),
    })
  }

  function createAccountLink(b: FormObject) {
    const account = required(b, 'account')
    if (!objects.accounts.has(account)) throw missing('account', account, 'account')
    const created = now()
    const url = `https://connect.stripe.test/setup/${account}`
    return { object: 'account_link', url, created, expires_at: created + 300 }
  }

  // --- HTTP --------------------------------------------------------------------------------------

  // --- HTTP --------------------------------------------------------------------------------------

  type Handler = (params: string[], r: RecordedStripeRequest) => Json
  const get = (map: Map<string, StripeObject>, kind: string) => (params: string[]) =>
    mustGet(map, kind, params[0])
  const routeTable: Record<string, Handler> = {
    'POST /v1/customers': (_, r) => createCustomer(r.body),
    'GET /v1/customers/:id': get(objects.customers, 'customer'),
    'POST /v1/customers/:id': ([id], r) => updateCustomer(id, r.body),
    'POST /v1/products': (_, r) => createProduct(r.body),
    'GET /v1/products/:id': get(objects.products, 'product'),
    'POST /v1/prices': (_, r) => createPrice(r.body),
    'GET /v1/prices': (_, r) => listPrices(r.query),
    'GET /v1/prices/:id': ([id]) => inline.get(id) ?? mustGet(objects.prices, 'price', id),
    'POST /v1/checkout/sessions': (_, r) => createCheckoutSession(r.body),
    'GET /v1/checkout/sessions/:id': get(objects.checkoutSessions, 'checkout.session'),
    'GET /v1/checkout/sessions/:id/line_items': (params) =>
      sessionLineItems(get(objects.checkoutSessions, 'checkout.session')(params).id),
    'POST /v1/checkout/sessions/:id/expire': (params) =>
      expireSession(get(objects.checkoutSessions, 'checkout.session')(params)),
    'GET /v1/subscriptions/:id': get(objects.subscriptions, 'subscription'),
    'POST /v1/subscriptions/:id': ([id], r) => updateSubscriptionFromApi(id, r.body),
    'DELETE /v1/subscriptions/:id': (params) =>
      cancelSubscription(get(objects.subscriptions, 'subscription')(params)),
    'GET /v1/invoices/:id': get(objects.invoices, 'invoice'),
    'GET /v1/payment_intents/:id': get(objects.paymentIntents, 'payment_intent'),
    'GET /v1/charges/:id': get(objects.charges, 'charge'),
    'POST /v1/refunds': (_, r) => createRefund(r.body),
    'GET /v1/refunds/:id': get(objects.refunds, 'refund'),
    'POST /v1/accounts': (_, r) => createAccount(r.body),
    'GET /v1/accounts/:id': get(objects.accounts, 'account'),
    'POST /v1/account_links': (_, r) => createAccountLink(r.body),
    'POST /v1/transfers': (_, r) => createTransfer(r.body),
    'GET /v1/transfers/:id': get(objects.transfers, 'transfer'),
    'GET /v1/events': (_, r) => listEvents(r.query),
    'GET /v1/events/:id': ([id]) => {
      const event = events.find((e) => e.id === id)
      if (!event) throw missing('event', id, 'id', 404)
      return event as unknown as Json
    },
  }
  const routes = Object.entries(routeTable).map(([key, handler]) => {
    const [method, path] = key.split(' ')
    return { method, pattern: new RegExp(`^${path.replace(/:id/g, '([^/]+)')}$`), handler }
  })

  /** `expand[]=a.b`: ids along the path become (copies of) the objects they name. */
  function expand(value: unknown, path: string[]): unknown {
    if (Array.isArray(value)) return value.map((v) => expand(v, path))
    if (!path.length || !value || typeof value !== 'object') return value
    const [key, ...rest] = path
    const object = value as Json
    if (key === 'line_items' && object.object === 'checkout.session') {
      object.line_items = sessionLineItems(String(object.id))
    }
    let child = object[key]
    if (typeof child === 'string') child = clone(find(child)) ?? child
    if (child !== undefined) object[key] = expand(child, rest)
    return object
  }

  function handle(r: RecordedStripeRequest, authorization: string | undefined): [number, Json] {
    const failure = failures.find((f) => f.method === r.method && f.pattern.test(r.path))
    if (failure) {
      failures.splice(failures.indexOf(failure), 1)
      const type = failure.status >= 500 ? 'api_error' : 'invalid_request_error'
      const message = `Simulated Stripe failure (${failure.status}) for ${r.method} ${r.path}`
      return [failure.status, { error: { type, message } }]
    }
    if (authorization !== `Bearer ${secretKey}`) {
      const shown = authorization?.replace(/^Bearer /, '').slice(0, 8) ?? ''
      const message = authorization
        ? `Invalid API Key provided: ${shown}***`
        : 'You did not provide an API key. You need to provide your API key in the Authorization header.'
      return [401, { error: { type: 'invalid_request_error', message } }]
    }
    const route = routes.find((x) => x.method === r.method && x.pattern.test(r.path))
    if (!route) {
      const message = `Unrecognized request URL (${r.method}: ${r.path}).`
      return [404, { error: { type: 'invalid_request_error', message } }]
    }
    const params = route.pattern.exec(r.path)!.slice(1).map(decodeURIComponent)
    try {
      const result = clone(route.handler(params, r))
      const paths = asList(r.method === 'GET' ? r.query.expand : r.body.expand).map(String)
      for (const path of paths) expand(result, path.split('.'))
      return [200, result]
    } catch (err) {
      if (err instanceof StripeApiError) return [err.status, err.body]
      const message = `fake stripe crashed: ${(err as Error)?.stack ?? err}`
      return [500, { error: { type: 'api_error', message } }]
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const header = (name: string) => {
        const value = req.headers[name]
        return typeof value === 'string' && value ? value : undefined
      }
      const idempotencyKey = header('idempotency-key')
      const stripeAccount = header('stripe-account')
      const r: RecordedStripeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: parseForm(url.search.slice(1)),
        body: parseForm(Buffer.concat(chunks).toString()),
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(stripeAccount ? { stripeAccount } : {}),
      }
      requests.push(r)
      const requestId = newId('req')
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Request-Id': requestId,
        'Stripe-Version': API_VERSION,
      }
      const send = (status: number, payload: Json) => {
        res.writeHead(status, headers)
        res.end(JSON.stringify(payload))
      }
      // Stripe's idempotency: a repeated key answers the first (successful) response, creating nothing.
      const fingerprint = JSON.stringify([r.method, r.path, r.body])
      const replay =
        r.method === 'POST' && idempotencyKey ? idempotent.get(idempotencyKey) : undefined
      if (replay && req.headers.authorization === `Bearer ${secretKey}`) {
        if (replay.fingerprint !== fingerprint) {
          const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`
          return send(400, { error: { type: 'idempotency_error', message } })
        }
        headers['Idempotent-Replayed'] = 'true'
        return send(replay.status, replay.payload)
      }
      activeRequest = { id: requestId, idempotency_key: idempotencyKey ?? null }
      const [status, payload] = handle(r, req.headers.authorization)
      activeRequest = null
      if (r.method === 'POST' && idempotencyKey && status < 300) {
        idempotent.set(idempotencyKey, { fingerprint, status, payload })
      }
      send(status, payload)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  let signer: Stripe | null = null

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    objects,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),

    /** The next request matching method and path answers `status` with a Stripe error (an outage). */
    failNext(method: string, pathPattern: RegExp, status = 500) {
      failures.push({ method: method.toUpperCase(), pattern: pathPattern, status })
    },

    /** The customer pays: a payment (intent + charge) or a subscription (+ its paid first invoice). */
    completeCheckout(sessionId: string): StripeEvent {
      const session = helperGet(objects.checkoutSessions, 'checkout session', sessionId)
      if (session.status !== 'open')
        throw new Error(`fake stripe: session ${sessionId} is ${session.status}`)
      const plan = sessionPlans.get(sessionId)
      if (!plan) throw new Error(`fake stripe: session ${sessionId} was not made through the API`)
      Object.assign(session, { status: 'complete', payment_status: 'paid' })
      if (session.mode === 'payment') {
        const pi = save(objects.paymentIntents, {
          id: newId('pi', 24),
          object: 'payment_intent',
          amount: session.amount_total,
          amount_received: session.amount_total,
          currency: session.currency,
          customer: session.customer,
          status: 'succeeded',
          metadata: clone(plan.paymentIntentMetadata),
          latest_charge: null,
          ...stamp(),
        })
        const charge = save(objects.charges, {
          id: newId('ch', 24),
          object: 'charge',
          payment_intent: pi.id,
          amount: pi.amount,
          amount_captured: pi.amount,
          amount_refunded: 0,
          refunded: false,
          captured: true,
          paid: true,
          status: 'succeeded',
          currency: pi.currency,
          customer: pi.customer,
          metadata: clone(pi.metadata),
          ...stamp(),
        })
        pi.latest_charge = charge.id
        session.payment_intent = pi.id
      } else {
        session.customer ??= createCustomer({ email: session.customer_email ?? '' }).id
        const id = newId('sub', 24)
        const sub = save(objects.subscriptions, {
          id,
          object: 'subscription',
          status: 'active',
          customer: session.customer,
          currency: session.currency,
          metadata: clone(plan.subscriptionMetadata),
          cancel_at_period_end: false,
          cancel_at: null,
          canceled_at: null,
          ended_at: null,
          items: {
            object: 'list',
            data: plan.lines.map((l) => subscriptionItem(id, l.price, l.quantity)),
            has_more: false,
            url: `/v1/subscription_items?subscription=${id}`,
          },
          latest_invoice: null,
          start_date: now(),
          ...stamp(),
        })
        const invoice = newInvoice(sub)
        Object.assign(
          invoice,
          { billing_reason: 'subscription_create' },
          invoiceEffects['invoice.paid'](invoice),
        )
        sub.latest_invoice = invoice.id
        Object.assign(session, { subscription: sub.id, invoice: invoice.id })
        record('customer.subscription.created', sub)
        record('invoice.paid', invoice)
      }
      return record('checkout.session.completed', session)
    },

    /** The session times out unpaid. */
    expireCheckout(sessionId: string): StripeEvent {
      expireSession(helperGet(objects.checkoutSessions, 'checkout session', sessionId))
      return lastEvent()
    },

    /** A full refund of the payment intent's charge (from the Dashboard, say). */
    refundPaymentIntent(paymentIntentId: string): StripeEvent {
      const charge = chargeOf(paymentIntentId)
      if (!charge) throw new Error(`fake stripe: no charge for payment intent ${paymentIntentId}`)
      refundCharge(charge)
      return lastEvent()
    },

    /** Onboarding progress: e.g. `{ payouts_enabled: true, charges_enabled: true, details_submitted: true }`. */
    updateAccount(accountId: string, patch: Record<string, unknown>): StripeEvent {
      const account = helperGet(objects.accounts, 'account', accountId)
      const before = clone(account)
      Object.assign(account, patch)
      return recordUpdate('account.updated', account, before)
    },

    /** Merges the patch; `quantity`, `price` (id or object) and period fields go to the first item. */
    updateSubscription(subscriptionId: string, patch: Record<string, unknown>): StripeEvent {
      const sub = helperGet(objects.subscriptions, 'subscription', subscriptionId)
      const before = clone(sub)
      const { metadata, ...rest } = patch
      const item = sub.items.data[0]
      for (const key of ['quantity', 'price', 'current_period_start', 'current_period_end']) {
        if (!(key in rest)) continue
        const value = rest[key]
        delete rest[key]
        if (key === 'price' && typeof value === 'string')
          item.price = clone(helperGet(objects.prices, 'price', value))
        else item[key] = value
      }
      if (metadata !== undefined) sub.metadata = { ...sub.metadata, ...(metadata as object) }
      Object.assign(sub, rest)
      return recordUpdate('customer.subscription.updated', sub, before)
    },

    /** Canceled now (not at period end). */
    deleteSubscription(subscriptionId: string): StripeEvent {
      const sub = helperGet(objects.subscriptions, 'subscription', subscriptionId)
      if (sub.status === 'canceled')
        throw new Error(`fake stripe: ${subscriptionId} is already canceled`)
      cancelSubscription(sub)
      return lastEvent()
    },

    /** A renewal invoice for the subscription (or `patch.id`'s invoice) that got paid/failed/finalized. */
    invoiceEvent(
      type: InvoiceEventType,
      subscriptionId: string,
      patch: Record<string, unknown> = {},
    ): StripeEvent {
      const sub = helperGet(objects.subscriptions, 'subscription', subscriptionId)
      const { id, ...rest } = patch
      const existing = typeof id === 'string' ? objects.invoices.get(id) : undefined
      const invoice = existing ?? newInvoice(sub, typeof id === 'string' ? id : undefined)
      if (!existing) sub.latest_invoice = invoice.id
      Object.assign(invoice, rest)
      const explicit = Object.fromEntries(
        Object.entries(rest).filter(([k]) =>
          ['status', 'amount_paid', 'amount_remaining'].includes(k),
        ),
      )
      Object.assign(invoice, invoiceEffects[type](invoice), explicit)
      return record(type, invoice)
    },

    /** Records any event (types the code should ignore, say). */
    event: (type: string, object: Record<string, unknown>): StripeEvent => record(type, object),

    /** The webhook body and `Stripe-Signature` header Stripe would send for this event. */
    signed(
      event: StripeEvent | Record<string, unknown>,
      webhookSecret: string,
      timestamp?: number,
    ) {
      signer ??= new Stripe(secretKey)
      const payload = JSON.stringify(event)
      const header = signer.webhooks.generateTestHeaderString({
        payload,
        secret: webhookSecret,
        timestamp,
      })
      return { payload, header }
    },
  }
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>

import { APIError } from 'payload'

/** Client-facing errors in Payload's shape ({ errors: [{ message }] }) with the right status. */
const publicError = (status: number) => (message: string, data?: Record<string, unknown>) =>
  new APIError(message, status, data, true)

export const badRequest = publicError(400)
export const unauthorized = (message = 'You must be logged in.') => publicError(401)(message)
export const paymentRequired = publicError(402)
export const forbidden = (message = 'You are not allowed to perform this action.') =>
  publicError(403)(message)
export const notFound = publicError(404)
export const conflict = publicError(409)
export const gone = publicError(410)
export const payloadTooLarge = publicError(413)
export const tooManyRequests = publicError(429)
export const serviceUnavailable = publicError(503)
export const badGateway = publicError(502)

// The loopback S3 server of tests/fakes/s3.ts ships no type declarations; this is what we use.
declare module '@20minutes/s3rver' {
  import type { AddressInfo } from 'node:net'

  export default class S3rver {
    constructor(options: {
      address?: string
      port?: number
      directory?: string
      silent?: boolean
      resetOnClose?: boolean
      vhostBuckets?: boolean
      allowMismatchedSignatures?: boolean
      configureBuckets?: { name: string }[]
    })
    run(): Promise<AddressInfo>
    close(): Promise<void>
  }
}

import type { PayloadRequest } from 'payload'

/** GET /api/students/:id/certifications */
export const listStudentCertificates = (
  req: PayloadRequest,
  studentId: string,
  { page, limit }: { page: number; limit: number },
) =>
  req.payload.find({
    collection: 'certifications',
    where: { student: { equals: studentId } },
    sort: '-issuedAt',
    page,
    limit,
    depth: 0,
    overrideAccess: true,
    req,
  })

/** A lesson's length as the builder and the student preview show it ("12 min"). */
export const lessonMinutes = (seconds: number) => `${Math.max(1, Math.round(seconds / 60))} min`

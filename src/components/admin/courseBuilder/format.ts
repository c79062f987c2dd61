/** A lesson's length as the builder and the student preview show it ("12 min"). */
export const lessonMinutes = (seconds: number) => `${Math.max(1, Math.round(seconds / 60))} min`

/** A video's length as a clock ("1:15"); rounded first, so 119.6 s is "2:00", never "1:60". */
export const clockTime = (seconds: number) => {
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

// Placeholder replaced below once the attendance UI lands.
export interface AttendeeResult {
  note: string;
}
export async function runAttendeeBench(): Promise<AttendeeResult> {
  return { note: 'attendance UI not measured yet' };
}
export function printAttendee(r: AttendeeResult): void {
  console.log(r.note);
}

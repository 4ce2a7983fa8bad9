/** Anything wrong with the database file itself; the message is one line naming the file. */
export class DatabaseError extends Error {
  constructor(message: string) {
    // SQLite and OS messages can span lines; callers print this as exactly one.
    super(message.replace(/\s*\n\s*/g, ' ').trim())
    this.name = 'DatabaseError'
  }
}

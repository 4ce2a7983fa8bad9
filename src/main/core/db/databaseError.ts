/** Anything wrong with the database file itself; the message is one line naming the file. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DatabaseError'
  }
}

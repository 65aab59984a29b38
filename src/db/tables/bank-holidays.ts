// Bank holidays, which working-day deadlines skip (F8, F10).

export interface BankHolidayTable {
  on: string
  title: string
}

import type { ReactNode } from 'react'

/** A top-level page: one element named for the page, its title the first heading. */
export function Page({
  name,
  title,
  children
}: {
  /** `history` → class `page history-page` (the stylesheet and the tests find pages by it). */
  name: string
  title: string
  children: ReactNode
}): React.JSX.Element {
  return (
    <div className={`page ${name}-page`}>
      <h1>{title}</h1>
      {children}
    </div>
  )
}

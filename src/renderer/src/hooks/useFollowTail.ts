// A virtualized list (only visible rows exist in the DOM) that follows its tail as rows arrive,
// until the user scrolls up; scrolling back to the bottom follows again.
import { useEffect, useRef, useState } from 'react'
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'

export interface FollowTail {
  scrollRef: React.RefObject<HTMLDivElement | null>
  virtualizer: Virtualizer<HTMLDivElement, Element>
  following: boolean
  follow: () => void
  onScroll: () => void
}

/** `version` changes when rows arrive without `count` changing (a full ring drops its oldest). */
export function useFollowTail(count: number, version: number, rowHeight: number): FollowTail {
  const [following, setFollowing] = useState(true)
  const scrollRef = useRef<HTMLDivElement>(null)
  const lastScrollTop = useRef(0)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 30
  })

  useEffect(() => {
    if (following && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [following, count, version, virtualizer])

  const onScroll = (): void => {
    const el = scrollRef.current
    if (!el) return
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight * 2
    if (el.scrollTop < lastScrollTop.current - 1 && !atBottom) setFollowing(false)
    else if (atBottom) setFollowing(true)
    lastScrollTop.current = el.scrollTop
  }
  return { scrollRef, virtualizer, following, follow: () => setFollowing(true), onScroll }
}

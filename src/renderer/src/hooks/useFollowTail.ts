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

/** Scrolled up since `lastTop` was seen, and not back within two rows of the bottom. */
function scrolledUp(el: HTMLDivElement, lastTop: number, rowHeight: number): boolean {
  return (
    el.scrollTop < lastTop - 1 && el.scrollHeight - el.scrollTop - el.clientHeight >= rowHeight * 2
  )
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
    if (!following || count === 0) return
    // A scroll up whose event has not come yet (it comes a frame later) is the user's: stop
    // following instead of undoing it with the row that arrived meanwhile.
    const el = scrollRef.current
    if (el && scrolledUp(el, lastScrollTop.current, rowHeight)) return setFollowing(false)
    virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [following, count, version, virtualizer, rowHeight])

  const onScroll = (): void => {
    const el = scrollRef.current
    if (!el) return
    if (scrolledUp(el, lastScrollTop.current, rowHeight)) setFollowing(false)
    else if (el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight * 2) setFollowing(true)
    lastScrollTop.current = el.scrollTop
  }
  return { scrollRef, virtualizer, following, follow: () => setFollowing(true), onScroll }
}

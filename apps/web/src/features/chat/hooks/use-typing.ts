import { useCallback, useEffect, useRef } from 'react';
import { useRealtime, useTypingVersion } from '@/lib/realtime/SocketProvider';

export function usePeopleTyping(roomId: string, myId: string | undefined) {
  const rt = useRealtime();
  useTypingVersion();
  return {
    typing: rt?.typingIn(roomId).filter((x) => x.userId !== myId) ?? [],
    online: rt?.onlineIn(roomId) ?? [],
  };
}

/** Tells the room I am typing, at most every 2 s, and that I stopped after a pause. */
export function useTypingSignal(roomId: string) {
  const rt = useRealtime();
  const last = useRef(0);
  const stopTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stop = useCallback(() => {
    clearTimeout(stopTimer.current);
    if (last.current) void rt?.emit('typing', { roomId, isTyping: false });
    last.current = 0;
  }, [rt, roomId]);
  const typed = useCallback(() => {
    const now = Date.now();
    if (now - last.current > 2500) {
      last.current = now;
      void rt?.emit('typing', { roomId, isTyping: true });
    }
    clearTimeout(stopTimer.current);
    stopTimer.current = setTimeout(stop, 4000);
  }, [rt, roomId, stop]);
  useEffect(() => stop, [stop]);
  return { typed, stop };
}

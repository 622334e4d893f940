import { useEffect, useState } from 'react';

/** "2 days 3 hours left", "4 minutes left" or null once the moment has passed. */
export function timeLeft(deadline: string, now = Date.now()): string | null {
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) return `${plural(days, 'day')} ${plural(hours, 'hour')} left`;
  if (hours > 0) return `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')} left`;
  if (minutes > 0) return `${plural(minutes, 'minute')} left`;
  return `${plural(Math.ceil(ms / 1000), 'second')} left`;
}

/** The current time, ticking every `everyMs`: what shows a time left stays true. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

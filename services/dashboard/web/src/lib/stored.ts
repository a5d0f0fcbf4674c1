import { useCallback, useSyncExternalStore } from "react";

const event = "ecom-stored-change";

const read = (key: string): string | null => {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
};

/** A string kept in localStorage (API key, theme), shared by every component that reads it. */
export function useStored(key: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    (onChange) => {
      window.addEventListener(event, onChange);
      window.addEventListener("storage", onChange);
      return () => {
        window.removeEventListener(event, onChange);
        window.removeEventListener("storage", onChange);
      };
    },
    () => read(key),
  );
  const set = useCallback(
    (next: string | null) => {
      if (next === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, next);
      window.dispatchEvent(new Event(event));
    },
    [key],
  );
  return [value, set];
}

export const apiKeyStorage = "ecom.apiKey";
export const themeStorage = "ecom.theme";

"use client";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A step's h1. When the wizard moves to a new step, focus moves here, so screen readers announce the new step
 * and keyboard users start from its top; on the first step shown, focus is left alone.
 */
export function StepHeading({ children, focusOnMount }: { children: ReactNode; focusOnMount: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <h1 ref={ref} tabIndex={-1} className="text-2xl font-bold leading-tight sm:text-3xl">
      {children}
    </h1>
  );
}

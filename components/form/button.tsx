import type { ComponentPropsWithRef } from "react";

const VARIANTS = {
  primary: "bg-brand-700 text-white hover:bg-brand-600 disabled:bg-slate-400",
  secondary: "border-2 border-brand-700 bg-white text-brand-700 hover:bg-blue-50 disabled:text-slate-500",
  quiet: "text-brand-700 underline underline-offset-4 hover:text-brand-600",
} as const;

export interface ButtonProps extends ComponentPropsWithRef<"button"> {
  variant?: keyof typeof VARIANTS;
}

export function Button({ variant = "primary", className = "", type = "button", ...props }: ButtonProps) {
  const shape = variant === "quiet" ? "min-h-11 px-1" : "min-h-12 rounded-lg px-5";
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-2 text-lg font-semibold disabled:cursor-not-allowed ${shape} ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

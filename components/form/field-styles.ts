/** One look for every input: large touch target, clear border, red when invalid. */
export const fieldClassName =
  "min-h-12 w-full rounded-lg border-2 border-slate-400 bg-white px-3 text-lg text-slate-900 " +
  "focus:border-brand-600 aria-invalid:border-red-700 disabled:bg-slate-100";

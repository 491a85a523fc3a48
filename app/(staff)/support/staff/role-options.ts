export const ROLE_OPTIONS = [
  { value: "support", label: "Support" },
  { value: "admin", label: "Admin" },
] as const;

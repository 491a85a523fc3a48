import { Button } from "@/components/form/button";
import { TextField } from "@/components/form/text-field";

/** A plain GET form: the query lands in the address, so a search can be shared and reloaded. */
export function SearchForm({ query }: { query: string }) {
  return (
    <form
      role="search"
      action="/support"
      method="get"
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
    >
      <div className="flex-1">
        <TextField
          name="q"
          label="Serial, box code, username or support code"
          description="Box codes can be typed any way the customer reads them out: dashes, spaces and case do not matter."
          defaultValue={query}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
      </div>
      <Button type="submit">Search</Button>
    </form>
  );
}

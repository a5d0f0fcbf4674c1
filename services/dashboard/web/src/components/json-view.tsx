/** A payload pretty-printed when it is JSON, shown as it came when it is not. */
export function JsonView({ text }: { text: string | null }) {
  if (text === null) return <pre className="json empty">(no payload)</pre>;
  let pretty = text;
  let valid = true;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    valid = false;
  }
  return (
    <pre className={`json${valid ? "" : " invalid"}`} title={valid ? undefined : "not valid JSON"}>
      {pretty}
    </pre>
  );
}

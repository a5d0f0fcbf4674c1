import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { BrowseMode, GroupsAnswer, MessagesAnswer, TopicsAnswer } from "../../../src/console/types.js";
import { JsonView } from "../components/json-view.js";
import { Empty, QueryState } from "../components/states.js";
import { formatInstant, formatValue } from "../lib/format.js";

/** GET a JSON resource of the console's own server; its error answers carry `{ message }`. */
async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal });
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `${path} answered ${response.status}`);
  return body;
}

function TopicsTable({ data, onBrowse }: { data: TopicsAnswer; onBrowse: (topic: string) => void }) {
  const [internal, setInternal] = useState(false);
  const topics = data.topics.filter((t) => internal || !t.internal);
  return (
    <section aria-labelledby="topics-title">
      <div className="section-head">
        <h3 id="topics-title">Topics</h3>
        <span className="sub">
          {data.bootstrap} · {data.brokers.length} broker(s) · checked {formatInstant(data.checkedAt)}
        </span>
        <label className="sub">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />{" "}
          internal
        </label>
      </div>
      {topics.length === 0 ? (
        <Empty>No topics.</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="topics">
            <thead>
              <tr>
                <th>topic</th>
                <th className="num">partitions</th>
                <th className="num">messages</th>
                <th className="num">records/s</th>
                <th>end offsets by partition</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {topics.map((topic) => (
                <tr key={topic.name} data-topic={topic.name}>
                  <td>
                    <code>{topic.name}</code>
                  </td>
                  <td className="num">{topic.partitions.length}</td>
                  <td className="num">{formatValue(topic.messages, "count")}</td>
                  <td className="num">
                    {topic.recordsPerSecond === null ? "—" : formatValue(topic.recordsPerSecond, "count")}
                  </td>
                  <td className="offsets">
                    {topic.partitions.map((p) => (
                      <span
                        key={p.partition}
                        className="offset"
                        data-partition={p.partition}
                        data-end={p.end}
                        title={`partition ${p.partition}: ${p.earliest}..${p.end}, leader ${p.leader}`}
                      >
                        {p.partition}: {p.end}
                      </span>
                    ))}
                  </td>
                  <td>
                    <button type="button" onClick={() => onBrowse(topic.name)}>
                      Browse
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Consumers({ data }: { data: GroupsAnswer }) {
  return (
    <section aria-labelledby="groups-title">
      <div className="section-head">
        <h3 id="groups-title">Consumer groups and Spark queries</h3>
      </div>
      {data.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}
      {data.consumers.length === 0 ? (
        <Empty>No consumer groups and no Spark query checkpoints that read Kafka.</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="consumers">
            <thead>
              <tr>
                <th>consumer</th>
                <th>kind</th>
                <th>state</th>
                <th className="num">total lag</th>
                <th>lag by partition (position / end)</th>
              </tr>
            </thead>
            <tbody>
              {data.consumers.map((c) => (
                <tr key={`${c.kind}-${c.name}`} data-consumer={c.name} data-lag={c.totalLag}>
                  <td>
                    <code>{c.name}</code>
                  </td>
                  <td>{c.kind === "spark-query" ? "Spark query (checkpoint)" : "consumer group"}</td>
                  <td>
                    {c.state}
                    {c.kind === "consumer-group" ? (
                      <span className="sub"> · {c.members} member(s)</span>
                    ) : null}
                  </td>
                  <td className="num">{formatValue(c.totalLag, "count")}</td>
                  <td className="offsets">
                    {c.partitions.map((p) => (
                      <span key={`${p.topic}-${p.partition}`} className="offset" title={p.topic}>
                        {p.partition}: {p.lag} ({p.position}/{p.end})
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface Browse {
  topic: string;
  mode: BrowseMode;
  partition: string;
  offset: string;
  timestamp: string;
  limit: string;
  key: string;
}

function browsePath(b: Browse): string {
  const params = new URLSearchParams({ topic: b.topic, mode: b.mode, limit: b.limit });
  if (b.partition !== "") params.set("partition", b.partition);
  if (b.mode === "offset") params.set("offset", b.offset || "0");
  if (b.mode === "timestamp" && b.timestamp) params.set("timestamp", new Date(b.timestamp).toISOString());
  if (b.key.trim()) params.set("key", b.key.trim());
  return `/api/messages?${params}`;
}

function Browser({
  topics,
  browse,
  setBrowse,
}: {
  topics: string[];
  browse: Browse;
  setBrowse: (b: Browse) => void;
}) {
  const [draft, setDraft] = useState(browse);
  const messages = useQuery({
    queryKey: ["messages", browse],
    queryFn: ({ signal }) => getJson<MessagesAnswer>(browsePath(browse), signal),
    enabled: browse.topic !== "",
    placeholderData: keepPreviousData,
  });
  const field = <K extends keyof Browse>(name: K, value: Browse[K]) => setDraft({ ...draft, [name]: value });
  return (
    <section aria-labelledby="browser-title">
      <div className="section-head">
        <h3 id="browser-title">Messages</h3>
      </div>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setBrowse(draft);
        }}
      >
        <label>
          topic
          <select
            value={draft.topic}
            onChange={(e) => field("topic", e.target.value)}
            data-testid="browse-topic"
          >
            <option value="">choose…</option>
            {topics.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          partition
          <input
            value={draft.partition}
            inputMode="numeric"
            placeholder="all"
            size={4}
            onChange={(e) => field("partition", e.target.value)}
          />
        </label>
        <label>
          from
          <select
            value={draft.mode}
            onChange={(e) => field("mode", e.target.value as BrowseMode)}
            data-testid="browse-mode"
          >
            <option value="latest">latest N</option>
            <option value="offset">offset</option>
            <option value="timestamp">timestamp</option>
          </select>
        </label>
        {draft.mode === "offset" ? (
          <label>
            offset
            <input
              value={draft.offset}
              inputMode="numeric"
              size={8}
              onChange={(e) => field("offset", e.target.value)}
            />
          </label>
        ) : null}
        {draft.mode === "timestamp" ? (
          <label>
            at or after
            <input
              type="datetime-local"
              step={1}
              value={draft.timestamp}
              onChange={(e) => field("timestamp", e.target.value)}
            />
          </label>
        ) : null}
        <label>
          N per partition
          <input
            value={draft.limit}
            inputMode="numeric"
            size={4}
            onChange={(e) => field("limit", e.target.value)}
          />
        </label>
        <label>
          key contains
          <input
            value={draft.key}
            placeholder="session id"
            onChange={(e) => field("key", e.target.value)}
            data-testid="browse-key"
          />
        </label>
        <button type="submit" data-testid="browse-go" disabled={draft.topic === ""}>
          Show
        </button>
      </form>
      {browse.topic === "" ? (
        <Empty>Choose a topic to see its messages.</Empty>
      ) : (
        <QueryState query={messages} what="messages">
          {(data) =>
            data.messages.length === 0 ? (
              <Empty>No messages match (read {formatValue(data.scanned, "count")} records).</Empty>
            ) : (
              <>
                <p className="sub" data-testid="browse-summary">
                  {data.messages.length} message(s), read {formatValue(data.scanned, "count")} records
                </p>
                <ul className="samples" data-testid="messages">
                  {data.messages.map((m) => (
                    <li key={`${m.partition}-${m.offset}`} data-key={m.key ?? ""} data-offset={m.offset}>
                      <p>
                        <span className="badge">p{m.partition}</span> offset <strong>{m.offset}</strong> · key{" "}
                        <code>{m.key ?? "—"}</code> ·{" "}
                        <span className="sub">{formatInstant(m.timestamp)}</span>
                      </p>
                      <JsonView text={m.value} />
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </QueryState>
      )}
    </section>
  );
}

export function TopicsPage() {
  const topics = useQuery({
    queryKey: ["topics"],
    queryFn: ({ signal }) => getJson<TopicsAnswer>("/api/topics", signal),
    refetchInterval: 5000,
  });
  const groups = useQuery({
    queryKey: ["groups"],
    queryFn: ({ signal }) => getJson<GroupsAnswer>("/api/groups", signal),
    refetchInterval: 5000,
  });
  const [browse, setBrowse] = useState<Browse>({
    topic: "",
    mode: "latest",
    partition: "",
    offset: "0",
    timestamp: "",
    limit: "10",
    key: "",
  });
  return (
    <section className="page" aria-labelledby="console-title">
      <header className="page-head">
        <h2 id="console-title">Kafka</h2>
      </header>
      <QueryState query={topics} what="topics">
        {(data) => <TopicsTable data={data} onBrowse={(topic) => setBrowse({ ...browse, topic })} />}
      </QueryState>
      <QueryState query={groups} what="consumer groups">
        {(data) => <Consumers data={data} />}
      </QueryState>
      <Browser
        key={browse.topic}
        topics={(topics.data?.topics ?? []).map((t) => t.name)}
        browse={browse}
        setBrowse={setBrowse}
      />
    </section>
  );
}

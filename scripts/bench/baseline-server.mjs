// The bare Express 5 app of the poll-path comparison, as its own process (plain JavaScript, like
// the compiled driver), so that it shares no event loop with the load generator. Answers PUT and
// GET of any id with the JSON text in BASELINE_ANSWER; prints its port on the first line.
import express from "express";

const answer = process.env.BASELINE_ANSWER ?? "{}";
const app = express();
app.disable("x-powered-by");
app.put("/:id", express.json(), (_req, res) => {
  res.type("application/json").send(answer);
});
app.get("/:id", (_req, res) => {
  res.type("application/json").send(answer);
});
const server = app.listen(0, "127.0.0.1", () => {
  console.log(String(server.address().port));
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

import { assertNever } from "../core/errors.js";
/**
 * The action protocol: what an agent may do in a reply. Agents answer in prose with action tags;
 * `parseActions` turns a reply into these typed actions and `formatAction` writes them back as tags
 * (the simulated backend replies through `formatAction`, so simulated and real runs share one parser).
 *
 * Tag syntax (attribute values in double or single quotes):
 *
 *   <claim task="task-3"/>                     claim a free task from the board (decentralized mode)
 *   <write path="clamp.js">...content...</write>  write a whole file (content verbatim, up to the size cap)
 *   <run_tests task="task-3"/>  or  <run_tests/>  run one task's tests, or the tests of all tasks you own
 *   <complete task="task-3"/>                  mark a task done (accepted only if its tests pass)
 *   <message to="Dev2">text</message>          a direct message, delivered at the next round
 *   <broadcast>text</broadcast>                a message to every teammate, delivered at the next round
 *   <assign task="task-4" to="Dev2"/>          give a task to a teammate (the lead, in `lead` mode)
 */
export type AgentAction =
  | ClaimAction
  | WriteAction
  | RunTestsAction
  | CompleteAction
  | MessageAction
  | BroadcastAction
  | AssignAction;

export interface ClaimAction {
  type: "claim";
  task: string;
}

export interface WriteAction {
  type: "write";
  path: string;
  content: string;
}

export interface RunTestsAction {
  type: "run_tests";
  /** The task whose tests to run; null runs the tests of every unfinished task the agent owns. */
  task: string | null;
}

export interface CompleteAction {
  type: "complete";
  task: string;
}

export interface MessageAction {
  type: "message";
  to: string;
  text: string;
}

export interface BroadcastAction {
  type: "broadcast";
  text: string;
}

export interface AssignAction {
  type: "assign";
  task: string;
  to: string;
}

export type AgentActionType = AgentAction["type"];

/** The tag names of the protocol, which are also the action types. */
export const ACTION_TYPES: readonly AgentActionType[] = [
  "claim",
  "write",
  "run_tests",
  "complete",
  "message",
  "broadcast",
  "assign",
];

/** Quote an attribute value: double quotes unless the value holds one, then single quotes. */
function attr(name: string, value: string): string {
  return value.includes('"') ? `${name}='${value}'` : `${name}="${value}"`;
}

/**
 * One action as its tag. Round-trips through `parseActions` for every value the parser accepts
 * (attribute values without both quote kinds, bodies without their own closing tag).
 */
export function formatAction(action: AgentAction): string {
  switch (action.type) {
    case "claim":
      return `<claim ${attr("task", action.task)}/>`;
    case "write":
      // The parser drops one newline after `>`, so content that starts with a newline round-trips too.
      return `<write ${attr("path", action.path)}>\n${action.content}</write>`;
    case "run_tests":
      return action.task === null ? "<run_tests/>" : `<run_tests ${attr("task", action.task)}/>`;
    case "complete":
      return `<complete ${attr("task", action.task)}/>`;
    case "message":
      return `<message ${attr("to", action.to)}>${action.text}</message>`;
    case "broadcast":
      return `<broadcast>${action.text}</broadcast>`;
    case "assign":
      return `<assign ${attr("task", action.task)} ${attr("to", action.to)}/>`;
    default:
      return assertNever(action, "formatAction");
  }
}

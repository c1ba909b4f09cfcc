// The server's words for learners, in English: the reasons of checks and the refusals a
// learner can meet. The server sends a message as its code and parameters (./messages.ts)
// beside this English text; the page shows it from the catalogue of its own language
// (./messages-id.ts has the same keys, or it does not compile).
import { sandboxWords } from './messages-sandbox-en.js';

import { workshopWords } from './messages-workshops-en.js';

type P<T> = (p: T) => string;
type Name = { name: string };

const checkWords = {
  // Containers
  'container-missing': ((p) =>
    `No container named "${p.name}" yet. Create it with docker run --name ${p.name} ...`) as P<Name>,
  'container-paused': ((p) =>
    `Container "${p.name}" exists but is paused. Resume it with docker unpause ${p.name}.`) as P<Name>,
  'container-restarting': ((p) =>
    `Container "${p.name}" keeps restarting (last exit code ${p.exitCode}). See docker logs ${p.name}.`) as P<{
    name: string;
    exitCode: number;
  }>,
  'container-never-started': ((p) =>
    `Container "${p.name}" exists but is not running (it was created but never started). ` +
    `See docker logs ${p.name}, or start it with docker start ${p.name}.`) as P<Name>,
  'container-exited': ((p) =>
    `Container "${p.name}" exists but is not running (it exited with code ${p.exitCode}). ` +
    `See docker logs ${p.name}, or start it with docker start ${p.name}.`) as P<{
    name: string;
    exitCode: number;
  }>,
  'container-exists': ((p) => `Container "${p.name}" exists (${p.status}).`) as P<{
    name: string;
    status: string;
  }>,
  'container-running': ((p) => `Container "${p.name}" is running.`) as P<Name>,
  'image-used': ((p) => `Container "${p.name}" runs ${p.image}.`) as P<{ name: string; image: string }>,
  'image-used-as': ((p) => `Container "${p.name}" runs ${p.image} (as ${p.used}).`) as P<{
    name: string;
    image: string;
    used: string;
  }>,
  'image-other': ((p) =>
    `Container "${p.name}" runs the image ${p.used}, not ${p.image}. ` +
    `Remove it (docker rm -f ${p.name}) and run it again from ${p.image}.`) as P<{
    name: string;
    image: string;
    used: string;
  }>,
  'env-missing': ((p) =>
    `Container "${p.name}" has no variable ${p.variable}. Variables are set when a container is created: ` +
    `docker run -e ${p.variable}=... --name ${p.name} ...`) as P<{ name: string; variable: string }>,
  'env-other-value': ((p) => `Container "${p.name}" has ${p.variable}=${p.value}, not ${p.wanted}.`) as P<{
    name: string;
    variable: string;
    value: string;
    wanted: string;
  }>,
  'env-not-matching': ((p) =>
    `Container "${p.name}" has ${p.variable}=${p.value}, which is not what this step asks for.`) as P<{
    name: string;
    variable: string;
    value: string;
  }>,
  'env-set': ((p) => `Container "${p.name}" has ${p.variable}=${p.value}.`) as P<{
    name: string;
    variable: string;
    value: string;
  }>,
  'links-none': ((p) =>
    `Container "${p.name}" has no links. Links are made when a container is created: ` +
    `docker run --link ${p.target}:${p.alias} --name ${p.name} ...`) as P<{
    name: string;
    target: string;
    alias: string;
  }>,
  'link-ok': ((p) => `Container "${p.name}" reaches "${p.target}" by the name ${p.alias}.`) as P<{
    name: string;
    target: string;
    alias: string;
  }>,
  'link-other-alias': ((p) =>
    `Container "${p.name}" is linked to "${p.target}" as ${p.aliases}, not as "${p.alias}". ` +
    `Links are made when a container is created: docker run --link ${p.target}:${p.alias} --name ${p.name} ...`) as P<{
    name: string;
    target: string;
    alias: string;
    aliases: string;
  }>,
  'link-other-target': ((p) =>
    `Container "${p.name}" is linked to ${p.others} but not to "${p.target}". ` +
    `Links are made when a container is created: docker run --link ${p.target}:${p.alias} --name ${p.name} ...`) as P<{
    name: string;
    target: string;
    alias: string;
    others: string;
  }>,

  // Networks
  'network-missing': ((p) =>
    `No network named "${p.name}" yet. Create it with docker network create ${p.name}.`) as P<Name>,
  'network-exists': ((p) => `Network "${p.name}" exists (${p.driver} driver).`) as P<{
    name: string;
    driver: string;
  }>,
  'network-not-joined': ((p) =>
    `"${p.name}" is not on ${p.network}${p.others ? ` (it is on ${p.others})` : ''}. ` +
    `Connect it with docker network connect ${p.alias ? `--alias ${p.alias} ` : ''}${p.network} ${p.name}.`) as P<{
    name: string;
    network: string;
    others: string;
    alias: string;
  }>,
  'network-joined': ((p) => `"${p.name}" is on ${p.network}.`) as P<{ name: string; network: string }>,
  'network-joined-alias': ((p) => `"${p.name}" is on ${p.network} with the alias "${p.alias}".`) as P<{
    name: string;
    network: string;
    alias: string;
  }>,
  'network-alias-missing': ((p) =>
    `"${p.name}" is on ${p.network} but without the alias "${p.alias}". Reconnect it: ` +
    `docker network disconnect ${p.network} ${p.name}, then docker network connect --alias ${p.alias} ${p.network} ${p.name}.`) as P<{
    name: string;
    network: string;
    alias: string;
  }>,
  'dns-default-network': ((p) =>
    `Names do not resolve on Docker's default "${p.network}" network. Create a network of your own ` +
    `(docker network create ...) and run the containers on it.`) as P<{ network: string }>,
  'dns-resolves': ((p) => `On ${p.network}, the name ${p.host} leads to "${p.target}" (${p.ip}).`) as P<{
    network: string;
    host: string;
    target: string;
    ip: string;
  }>,
  'dns-unresolved': ((p) => `On ${p.network}, the name ${p.host} does not resolve yet.`) as P<{
    network: string;
    host: string;
  }>,
  'dns-unresolved-alias': ((p) =>
    `On ${p.network}, the name ${p.host} does not resolve yet. Give "${p.target}" that name: ` +
    `docker network connect --alias ${p.host} ${p.network} ${p.target} (or --network-alias ${p.host} on docker run).`) as P<{
    network: string;
    host: string;
    target: string;
  }>,
  'dns-elsewhere': ((p) =>
    `On ${p.network}, the name ${p.host} leads to ${p.owners}, not to "${p.target}" (${p.ip}).`) as P<{
    network: string;
    host: string;
    owners: string;
    target: string;
    ip: string;
  }>,
  'dns-not-joined': ((p) =>
    `"${p.name}" is not on ${p.network}, so no name there leads to it. ` +
    `Connect it with docker network connect ${p.network} ${p.name}.`) as P<{ name: string; network: string }>,

  // Ports
  'port-published-by': ((p) => `Port ${p.port} is published by "${p.name}" (its port ${p.inner}).`) as P<{
    port: number;
    name: string;
    inner: string;
  }>,
  'port-free': ((p) =>
    `Nothing is published on port ${p.port} yet. Ports are published when a container is created: ` +
    `docker run -p ${p.port}:<port in the container> ...`) as P<{ port: number }>,
  'port-once-running': ((p) => `${p.problem} Once it runs, it publishes port ${p.port}.`) as P<{
    problem: string;
    port: number;
  }>,
  'port-published': ((p) => `"${p.name}" publishes its port ${p.inner} on port ${p.port}.`) as P<{
    name: string;
    inner: string;
    port: number;
  }>,
  'ports-none': ((p) =>
    `"${p.name}" publishes no ports. Ports are published when a container is created: ` +
    `docker run -p ${p.port}:<port in the container> ...`) as P<{ name: string; port: number }>,
  'ports-other': ((p) =>
    `"${p.name}" publishes ${p.list}, but not ${p.port}. Ports are published when a container is created: ` +
    `docker run -p ${p.port}:<port in the container> ...`) as P<{ name: string; list: string; port: number }>,
} as const;

const storageWords = {
  'volume-missing': ((p) =>
    `No volume named "${p.name}" yet. Create it with docker volume create ${p.name}.`) as P<Name>,
  'volume-exists': ((p) => `Volume "${p.name}" exists.`) as P<Name>,
  'mount-found': ((p) => `"${p.name}" has ${p.source} mounted at ${p.destination}.`) as P<{
    name: string;
    source: string;
    destination: string;
  }>,
  'mounts-none': ((p) => `"${p.name}" has nothing mounted. ${mountHint(p)}`) as P<MountHint>,
  'mount-elsewhere': ((p) =>
    `"${p.name}" has ${p.volume || 'a volume'} mounted at ${p.at}, not at ${p.destination}. ${mountHint(p)}`) as P<
    MountHint & { at: string }
  >,
  'mount-other-source': ((p) =>
    `"${p.name}" has ${p.source} mounted at ${p.at}, not ${p.volume}. ${mountHint(p)}`) as P<
    MountHint & { source: string; at: string }
  >,
  'mount-missing': ((p) =>
    `"${p.name}" does not have ${p.volume || 'a volume'} mounted${p.destination ? ` at ${p.destination}` : ''} ` +
    `(it has ${p.list}). ${mountHint(p)}`) as P<MountHint & { list: string }>,
  'image-present': ((p) => `The image ${p.image} is in the sandbox.`) as P<{ image: string }>,
  'image-missing': ((p) =>
    `The image ${p.image} is not in the sandbox yet. Get it with docker pull ${p.image} (or build it).`) as P<{
    image: string;
  }>,
  'file-no-container': ((p) =>
    `No container named "${p.container}" yet, so ${p.path} cannot be in it.`) as P<{
    container: string;
    path: string;
  }>,
  'file-missing': ((p) => `There is no file ${p.path}${inContainer(p)} yet.`) as P<FileAt>,
  'file-not-a-file': ((p) => `${p.path}${inContainer(p)} is not a file (a directory?).`) as P<FileAt>,
  'file-contains': ((p) => `${p.path}${inContainer(p)} contains "${p.text}".`) as P<
    FileAt & { text: string }
  >,
  'file-lacks': ((p) => `${p.path}${inContainer(p)} does not contain "${p.text}" yet.`) as P<
    FileAt & { text: string }
  >,
} as const;

type MountHint = { name: string; volume: string; destination: string };
const mountHint = (p: MountHint) =>
  `Mounts are made when a container is created: docker run -v ${p.volume || '<volume>'}:${p.destination || '<path>'} ...`;
type FileAt = { path: string; container: string };
const inContainer = (p: FileAt) => (p.container ? ` in the container "${p.container}"` : '');

const commandWords = {
  'http-no-answer': ((p) => `No answer from ${p.url}: ${p.why}.`) as P<{ url: string; why: string }>,
  'http-unknown-host': (() => 'the host name is not known in the sandbox') as P<object>,
  'http-refused': (() => 'nothing is listening there yet') as P<object>,
  'http-timeout': ((p) => `it did not answer within ${p.seconds} s`) as P<{ seconds: number }>,
  'http-closed': (() =>
    'it closed the connection without an answer (the app may still be starting)') as P<object>,
  'http-reset': (() => 'it reset the connection (the app may still be starting)') as P<object>,
  'http-answered': ((p) => `${p.url} answered with "${p.text}".`) as P<{ url: string; text: string }>,
  'http-other-answer': ((p) =>
    `${p.url} answered${p.status ? ` (HTTP ${p.status})` : ''}, but not with "${p.text}".` +
    (p.body ? ` It answered: "${p.body}"` : ' Its answer was empty.')) as P<{
    url: string;
    status: string;
    text: string;
    body: string;
  }>,
  'script-overdue': ((p) =>
    `The check did not finish within ${p.seconds} s.${p.output ? ` Its output: ${p.output}` : ''}`) as P<{
    seconds: number;
    output: string;
  }>,
  'script-done': (() => 'Done.') as P<object>,
  'script-failed': ((p) => `The check failed (exit status ${p.status}).`) as P<{ status: string }>,
  'manual-step': (() => 'Nothing to check here: continue when you are ready.') as P<object>,
  'check-malformed': ((p) => `This check is malformed, so it cannot pass: ${p.error}`) as P<{
    error: string;
  }>,
  'checking-stopped': (() => 'Checking has stopped.') as P<object>,
  'check-overdue': (() => 'The sandbox took too long to answer this check. Try again.') as P<object>,
  'check-could-not-run': ((p) => `The check could not run: ${p.error}`) as P<{ error: string }>,
  'daemon-overdue': (() =>
    "The sandbox's Docker daemon did not answer in time. Try again in a moment.") as P<object>,
  'daemon-down': (() =>
    "The sandbox's Docker daemon is not answering. If you stopped it, start a new session.") as P<object>,
  'tool-missing': ((p) => `The sandbox lacks a tool this check needs: ${p.detail}`) as P<{ detail: string }>,
  'docker-failed': ((p) => `Docker could not answer the check: ${p.detail}`) as P<{ detail: string }>,
  'docker-unreadable': ((p) => `Docker gave an answer the check cannot read: ${p.detail}`) as P<{
    detail: string;
  }>,
  'answer-oversized': ((p) =>
    `The sandbox answered with more than ${p.limit}, more than a check reads, so it cannot pass.`) as P<{
    limit: string;
  }>,
  'sandbox-stopped': (() => 'Your sandbox has stopped. Start a new session to continue.') as P<object>,
  'sandbox-vanished': (() => 'Your sandbox is gone. Start a new session to continue.') as P<object>,
  'engine-unreachable': (() =>
    'The playground cannot reach its Docker engine right now. Try again.') as P<object>,
  'check-not-started': ((p) => `The sandbox could not start the check: ${p.detail}`) as P<{ detail: string }>,
  'check-not-run': ((p) => `The sandbox could not run the check: ${p.detail}`) as P<{ detail: string }>,
  /** Words the message does not translate (a lesson script's own output): shown as they are. */
  text: ((p) => p.text) as P<{ text: string }>,
} as const;

const refusalWords = {
  'playground-full-sessions': ((p) =>
    `The playground is full: ${p.used} of ${p.max} sessions are in use. ` +
    'Try again in a few minutes (an operator can raise PLAYGROUND_MAX_SESSIONS).') as P<{
    used: number;
    max: number;
  }>,
  'playground-full-sandboxes': ((p) =>
    `The playground is full: ${p.used} of ${p.max} sandboxes are in use. ` +
    'Try again in a few minutes (an operator can raise PLAYGROUND_MAX_SANDBOXES).') as P<{
    used: number;
    max: number;
  }>,
  'sessions-per-client': ((p) =>
    `You already have ${p.max} sandboxes running. End one before starting another.`) as P<{ max: number }>,
  'lesson-needs-hosts': ((p) =>
    `This lesson needs ${p.hosts} hosts, but sessions may have at most ${p.max} ` +
    '(an operator can raise PLAYGROUND_MAX_HOSTS).') as P<{ hosts: number; max: number }>,
  'hosts-at-most': ((p) =>
    `A session may have at most ${p.max} hosts. Remove one before adding another.`) as P<{ max: number }>,
  'out-of-memory': (() =>
    'The machine is out of memory for new sandboxes; try again when a session ends.') as P<object>,
  'out-of-pids': (() =>
    'The machine is out of processes for new sandboxes; try again when a session ends.') as P<object>,
  'out-of-disk': (() =>
    'The machine is out of disk for new sandboxes; try again when a session ends.') as P<object>,
  'session-unknown': (() => 'No such session: it may have expired or been ended.') as P<object>,
  'session-over': (() => 'This session has ended.') as P<object>,
  'sandbox-gone': (() => 'The sandbox is gone. Start a new one.') as P<object>,
  'extend-once': (() => 'This session has been extended once already.') as P<object>,
  'extend-off': (() => 'Sessions cannot be extended on this playground.') as P<object>,
  'workshop-unknown': ((p) => `No running workshop has the code ${p.code}.`) as P<{ code: string }>,
  'workshop-over': ((p) => `The workshop "${p.title}" is over; no more seats are given.`) as P<{
    title: string;
  }>,
  'workshop-full': ((p) =>
    `The workshop is full: all ${p.seats} seats are taken. Ask the trainer for a seat.`) as P<{
    seats: number;
  }>,
  'workshop-codes-wait': ((p) =>
    `Too many unknown workshop codes from this address; try again in ${p.seconds} s.`) as P<{
    seconds: number;
  }>,
  'workshops-created-wait': ((p) =>
    `Too many workshops created from this address; try again in ${p.seconds} s.`) as P<{ seconds: number }>,
} as const;

export const enMessages = {
  ...checkWords,
  ...storageWords,
  ...commandWords,
  ...refusalWords,
  ...sandboxWords,
  ...workshopWords,
};

/**
 * The platform's process asks V8 to allocate every new object in the young generation. V8 watches
 * each place in the code that creates objects, and once most of what one place made outlived a
 * young-generation collection, it allocates that place's later objects straight in the old
 * generation ("pretenuring"), for good. A storm of connections is exactly such a time: each socket's
 * records, made by socket.io, ws and Node's streams, live as long as the socket, and the same
 * places in that code make a fan-out's packets, buffers and write records, which die at once.
 * Made old, each of those points at the young objects of its send (the frame, the event's text),
 * so every scavenge had to keep and promote a fan-out's whole output, and the old generation filled
 * with it until a full collection: the platform's longest pauses, whether a storm set it off being
 * chance. Young, they die in the next scavenge like bare socket.io's.
 */
import { setFlagsFromString } from 'node:v8'

/** Stop V8 from moving an allocation site's objects to the old generation (see the file's comment). */
export function keepNewObjectsYoung(): void {
  // Read by V8 at each collection and each optimization, so it holds from the next one on; set
  // before any socket connects, no site has been moved yet.
  setFlagsFromString('--no-allocation-site-pretenuring')
}

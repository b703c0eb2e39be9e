// The filter is free of socket.io, so it numbers socket.io's packet types itself: were its numbers
// to drift from the parser's, it would read an acceptance as something else and let it through.
import { describe, expect, it } from 'vitest'
import { PacketType } from 'socket.io-parser'
import { PacketKind } from '../../../../src/main/node/socket-io-packet-filter'

describe("the socket.io packet filter's packet types", () => {
  it("are numbered as socket.io's parser numbers them", () => {
    for (const [name, kind] of Object.entries(PacketKind))
      expect([name, kind]).toEqual([name, PacketType[name as keyof typeof PacketType]])
  })
})

import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { openAs, pageText } from '../../../../test/helpers/app.ts'
import { procedureApp } from '../../../../test/helpers/procedure.ts'

// Issue 13: front-line staff see what they need where they look. The person's page shows the restrictions in force in
// the words the check and the register give staff (K2, V3, F6), and nothing of the case file (K7).

const { t, c } = await procedureApp()
after(() => t.close())

const reasons = {
  chief: 'The chief executive weighed the abuse of the bin crews',
  monitoring: 'The monitoring officer found it proportionate',
}

describe("the person's page: restrictions in force (issue 13)", () => {
  test('K7, F6: front-line staff see each restriction in force, whom it covers, how to respond and until when; never the case file', async () => {
    const k = await c.restrictedCase({
      fullName: 'Gary Hollis',
      reasons,
      restrictions: [
        { type: 'contact_method', channels: ['letter'], scope: { services: ['Parking'] } },
        {
          type: 'phone_times',
          windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
          scope: { councilWide: true },
        },
      ],
    })
    const { browser, page } = await openAs(t, ['frontline'], `/people/${k.personId}`)
    assert.equal(page.statusCode, 200)
    const panel = page.body.match(/data-qa="restrictions-in-force"[\s\S]*?<\/section>/)?.[0] ?? ''
    const text = pageText(panel)
    assert.match(
      text,
      /Restrictions in force These restrictions limit how Gary Hollis may contact the council\. .*Contact by one method only \(F5a\) Applies to Contact about Parking, and organisations that provide that service How they may contact the council By letter only\. What to do when they make contact Explain politely that they can only contact us by letter; do not discuss the matter in any other way, and record the attempt\. In force until 31 December 2027/,
    )
    assert.match(
      text,
      /Telephone calls only at set times \(F5c\) Applies to The whole council, and organisations that provide council services How they may contact the council By telephone on Tuesdays, 10am to 12 noon; in other ways as usual\. What to do when they make contact Outside the permitted times, explain politely when they can call and end the call; do not discuss the matter\. In force until 31 December 2027\s*$/,
    )
    // The way to act on it: the check, for this person.
    const href = panel.match(/href="([^"]+)" data-qa="check-contact"/)?.[1]?.replace(/&amp;/g, '&')
    assert.equal(href, `/check?personId=${k.personId}`)
    const check = await browser.get(href ?? '')
    assert.equal(check.statusCode, 200)
    assert.match(pageText(check.body), /Gary Hollis/)

    // K7: nothing of the case file on the page: no case, no warning's words, no decision's reasons.
    const all = pageText(page.body)
    assert.doesNotMatch(all, new RegExp(k.reference))
    assert.doesNotMatch(all, /chief executive weighed|monitoring officer found/)
    assert.doesNotMatch(all, /you shouted at and swore at an officer|Our staff have a right to work without abuse/)
    assert.doesNotMatch(all, /Abuse of staff continued after business-as-usual measures/)
  })

  test('issue 13: other roles see the same panel; a restriction not yet in force (letter not issued, F9) is not shown', async () => {
    const inForce = await c.closedMatter('acknowledge', { fullName: 'Ann Closed' })
    const { page } = await openAs(t, ['case_officer'], `/people/${inForce.personId}`)
    const text = pageText(page.body)
    assert.match(
      text,
      new RegExp(
        `Restrictions in force .*Correspondence on one matter closed \\(F5e\\) Applies to The whole council.*Anything about ${inForce.matterReference} \\(Bin collections\\) is read, and answered only if it holds new information\\..*then acknowledge it unless it holds new information.*In force until 30 June 2027`,
      ),
    )

    const notYet = await c.restrictedCase({ fullName: 'Bob Waiting', notice: false })
    for (const role of ['frontline', 'head_of_service'] as const) {
      const { page: waiting } = await openAs(t, [role], `/people/${notYet.personId}`)
      assert.equal(waiting.statusCode, 200)
      assert.doesNotMatch(waiting.body, /data-qa="restrictions-in-force"/, role)
    }
  })
})

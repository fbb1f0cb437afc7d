/* generate-vocabulary.h — sentences for solace-generate
 *
 * Every sentence here was written for this benchmark.  A word in braces
 * is a slot filled at random from the lists at the end:
 *
 *   {F} a friend     {P} a place      {D} a weekday    {T} a time of day
 *   {M} some food    {A} an activity  {W} the weather  {C} a colleague
 *   {K} family       {O} an object    {N} a number     {H} an hour
 *   {S} a course
 *
 * The first letter of each sentence is capitalised after filling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Right after the breakup: raw. */
static const char * const theme_raw[] = {
  "I woke up at {H} and reached for my phone before I remembered there was nobody to text.",
  "The flat is so quiet that I can hear the fridge humming from the bedroom.",
  "I keep replaying the last conversation as if I could still change how it ends.",
  "Today I cried in the shower because the shampoo smelled like our old holiday.",
  "Everything in the kitchen reminds me of them, even {O}.",
  "I put {O} in a box and then took it out again twice.",
  "My chest feels tight all the time, like I forgot how to breathe properly.",
  "I almost sent a message at {H} and deleted it one letter at a time.",
  "It still doesn't feel real that we will not speak again.",
  "I checked their profile three times today and hated myself a little more each time.",
  "People keep saying it gets easier, and I want to believe them, but not yet.",
  "I could not eat much, just a few bites of {M}, and even that felt like work.",
  "I walked past {P} and had to cross the street so I would not see our bench.",
  "The silence where their voice used to be is the loudest thing in the room.",
  "I am angry and sad at the same time and I do not know which one to feel first.",
  "Some moments I feel almost fine, and then a song in a shop knocks the air out of me.",
  "I slept on their side of the bed last night, which was a mistake.",
  "I wrote their name in the margin of a notebook without meaning to.",
  "It hurts that they seem to be doing so well while I can barely get dressed.",
  "I keep thinking I should have seen it coming, and maybe I did.",
  "When the phone buzzed {T} my heart jumped, and it was only the dentist.",
  "I muted the group chat because every photo in it has them somewhere in the corner.",
  "My body keeps expecting footsteps on the stairs at half past six.",
  "There is a particular kind of tired that comes from missing someone all day.",
  "I told myself I would not cry at work and I managed it until the lift.",
  "I changed the sheets, opened every window and still the room felt like ours.",
  "I am scared that I will never feel this close to anyone again.",
  "Grief comes in waves, and today the waves were close together.",
  "I do not want them back, exactly; I want the version of them I thought I knew.",
  "The calendar still has our plans for next month written in my handwriting.",
  "I found myself rehearsing arguments in my head on the bus like a crazy person.",
  "I ordered {M} for two out of habit and finished the leftovers the next day.",
};

/* Later: making sense of it. */
static const char * const theme_process[] = {
  "I am starting to see the relationship more clearly now that I am not inside it.",
  "Some of the things I called love were really fear of being left.",
  "I noticed that I went a whole afternoon without thinking about them.",
  "Looking back, we were both tired for a long time before either of us said so.",
  "I can remember the good parts now without it feeling like a knife.",
  "It was not all their fault, and it was not all mine either.",
  "I deleted the old photos from my phone but kept a few in a folder I never open.",
  "The anger is quieter now, more like a dull ache than a fire.",
  "I understand now that closure is something I give myself, not something they owe me.",
  "I read through my old entries and could see how far I have come since the first week.",
  "Day {N} of no contact, and it feels less like a countdown and more like a habit.",
  "My therapist asked what I miss, and the honest answer was the routine more than the person.",
  "I realised I had stopped doing things I loved because they did not enjoy them.",
  "I am allowed to be sad about it and still know it was the right ending.",
  "When I think of them now it is with a kind of tired tenderness.",
  "There were warning signs I explained away because I wanted it to work.",
  "Healing is not a straight line; this week went backwards a little and that is fine.",
  "I no longer check whether they have read my old messages.",
  "I can say their name out loud without my voice shaking.",
  "I wonder sometimes what they are doing, and then I let the thought pass.",
  "The relationship taught me what I need and what I will not accept again.",
  "I took {O} to the charity shop and felt lighter walking home.",
  "Forgiving them is not the same as wanting them back, and I am learning the difference.",
  "Someone mentioned them at the party and I just nodded and kept talking.",
  "It has been {N} weeks and the mornings are the easiest part now.",
  "I caught myself smiling at a memory instead of wincing.",
  "I used to think being alone meant something was wrong with me.",
  "I finally unfollowed them and nothing bad happened.",
  "The story I tell about us keeps getting shorter and kinder.",
  "I am beginning to trust my own judgement again, slowly.",
};

/* Ordinary days. */
static const char * const theme_everyday[] = {
  "It was {W} all day, so I stayed in and made {M}.",
  "{T} I {A}, which felt like a small victory.",
  "The bus was late again and I listened to a podcast about old shipwrecks.",
  "I spent an hour at {P} doing nothing in particular, and it was lovely.",
  "The neighbour's cat came to sit on my windowsill and judged me silently.",
  "I finally fixed the dripping tap with a video and a borrowed spanner.",
  "The laundry pile has reached a size where it deserves its own postcode.",
  "I bought flowers for myself at {P} just because they were yellow.",
  "Dinner was {M}, eaten standing at the counter while the radio played.",
  "On {D} I {A} and then napped for most of the afternoon.",
  "The heating came on for the first time this season and the flat smelled of dust.",
  "I rearranged the furniture in the living room so it looks like a new place.",
  "I made a list of small jobs and crossed off {N} of them.",
  "The street was {W} and the puddles reflected the shop signs.",
  "I walked to {P} the long way to make the afternoon last.",
  "Somebody downstairs is learning the trumpet, badly but with enthusiasm.",
  "I tried a new recipe with {M} and it mostly worked.",
  "I cleaned out the junk drawer and found {N} dead batteries and a lottery ticket.",
  "The plants on the windowsill are doing better than I am, which is something.",
  "I paid the bills, emptied the recycling and answered the letter from the council.",
  "It was market day, so I bought too many tomatoes and some cheap honey.",
  "I watched the rain from {P} with a cup of tea going cold in my hands.",
  "The post brought a parcel I forgot I had ordered, which felt like a present.",
  "I took the train to the coast and walked until my legs ached.",
  "The evening light on the rooftops was orange and soft.",
  "I read on the sofa until {H} because I did not want the chapter to end.",
  "I went to bed early with a hot water bottle and a crossword.",
  "I ironed a shirt for the first time in months and felt oddly grown-up.",
  "The supermarket had run out of oat milk so I improvised.",
  "I caught the last of the sunset from the top of the hill.",
};

/* Work. */
static const char * const theme_work[] = {
  "Work was busy, which helped, because there was no room to think.",
  "{C} asked if I was okay and I said yes a little too quickly.",
  "The meeting on {D} ran over by an hour and nobody decided anything.",
  "I finished the report early and treated myself to a coffee from {P}.",
  "I found it hard to concentrate and read the same email {N} times.",
  "{C} made me laugh at lunch with a story about a broken printer.",
  "I presented the project to the whole team and my hands only shook a bit.",
  "I stayed late to avoid going home to the empty flat.",
  "My manager gave me feedback that was fair, even though it stung.",
  "I said no to an extra task, calmly, and the world did not end.",
  "The office was freezing, so I worked in my coat all morning.",
  "I updated my CV, just to see what it would feel like to leave.",
  "We had a deadline at five and made it with two minutes to spare.",
  "I answered support tickets all afternoon and felt useful.",
  "{C} brought cake for their birthday and the whole floor cheered up.",
  "I took a proper lunch break for once and ate {M} outside.",
  "A client thanked me by name and I kept rereading the message.",
  "I worked from home and did not change out of my pyjamas until noon.",
  "The new project is interesting enough to keep my mind busy.",
  "I booked a day off for {D} with nothing planned but rest.",
  "There was a fire drill and we all stood in the car park shivering.",
  "I mentored the new intern and remembered that I actually know things.",
  "I cried a little in the toilets and then went back to the spreadsheet.",
  "I asked for a raise and they said they would think about it.",
  "I left work on time and walked home through {P}.",
};

/* Friends and family. */
static const char * const theme_people[] = {
  "{F} came over with {M} and we talked until {H}.",
  "I called {K}, who listened without trying to fix anything.",
  "{F} sent me a voice note that was mostly laughter and it was exactly what I needed.",
  "I met {F} at {P} and we walked and talked for two hours.",
  "{K} said they never really liked them, which was both annoying and comforting.",
  "{F} and {F} dragged me to a quiz night and we came second to last.",
  "I cancelled plans with {F} again and felt guilty all evening.",
  "{K} sent a parcel with socks and a note that said eat something green.",
  "I went to {F}'s birthday and managed to enjoy most of it.",
  "{F} reminded me that I was funny before all this, and I still am.",
  "We had a long family dinner and nobody asked about the breakup, which was a mercy.",
  "{F} helped me move the heavy boxes and refused to take anything for it.",
  "I babysat for {K} and building a blanket fort fixed my mood entirely.",
  "{F} is going through something similar and we texted about it late into the night.",
  "I told {F} the whole story for the first time, start to finish.",
  "{K} called just to ask what I had for dinner, which is their way of saying I love you.",
  "{F} invited me on a weekend trip and I said yes before I could overthink it.",
  "I felt lonely even in a room full of people at the party.",
  "{F} sat with me in silence and that was better than any advice.",
  "I wrote {F} a thank-you card for being there in the worst weeks.",
  "{K} and I went to {P} and it felt like being a kid again.",
  "I met {F}'s new partner and was happy for them without any bitterness.",
  "A friend from school got in touch out of nowhere and we are meeting next {D}.",
  "{F} told me I do not have to be okay on a schedule.",
  "We played board games at {F}'s place and I won for the first time ever.",
};

/* Sleep, food and the body. */
static const char * const theme_body[] = {
  "I slept badly again and woke up at {H} with my heart racing.",
  "I slept eight hours straight for the first time in weeks.",
  "I went for a run along the river and my legs felt heavy but my head felt clear.",
  "I skipped breakfast and had a headache by eleven.",
  "I did {N} minutes of stretching and my back thanked me.",
  "I drank more water today, which sounds small but counts.",
  "My appetite is coming back; I actually wanted {M}.",
  "I went to the doctor about the insomnia and she was kind about it.",
  "I walked ten thousand steps without trying, mostly pacing.",
  "I swam {N} lengths and came out feeling like a new person.",
  "I have been drinking too much coffee and my hands shake in the afternoon.",
  "I took a long bath with the lights off and a candle that smelled of cedar.",
  "I noticed I was holding my breath and made myself exhale slowly.",
  "Yoga was hard today; I mostly lay on the mat and breathed.",
  "I cooked a proper meal with vegetables and ate it at the table like an adult.",
  "My shoulders are up by my ears all the time; the stress lives there.",
  "I had a nap in the afternoon and woke up groggy but calmer.",
  "I cycled to {P} and back and the wind nearly blew me over.",
  "I put my phone in another room at night and slept a little better.",
  "The anxiety sat in my stomach all day like a stone.",
  "I tried a breathing exercise: in for four, hold for seven, out for eight.",
  "I went to bed at a reasonable hour and did not scroll.",
  "I danced around the kitchen to an old song and felt ridiculous and free.",
  "My body is tired in a good way after the long walk.",
};

/* Feelings, named. */
static const char * const theme_feelings[] = {
  "I feel a strange mix of relief and loneliness.",
  "There is a quiet calm tonight that I have not felt in a long time.",
  "I was irritable with everyone today and I know it is not really about them.",
  "I feel ashamed of how much I begged at the end.",
  "Hope showed up today, small and shy, but it was there.",
  "The sadness is softer than yesterday.",
  "I am frightened of being alone forever, even though I know that is not logical.",
  "I felt proud of myself for the first time in ages.",
  "Confusion is the word for today: I do not know what I want.",
  "I felt numb for most of the day, as if watching my life through glass.",
  "I am grateful and heartbroken at the same time, and both are true.",
  "I let myself feel the grief instead of pushing it away, and it passed.",
  "I was jealous when I saw them laughing in a photo, and then I let it go.",
  "Despair crept in around {H}, the hour when everything looks worse.",
  "I felt a flash of joy watching children feed the ducks at {P}.",
  "I am tired of being sad, which might be a sign I am getting better.",
  "There is a calm in routine that I did not appreciate before.",
  "I felt guilty for having a good day, as if I was betraying something.",
  "Loneliness is loudest on Sunday evenings.",
  "I felt safe for a while today, wrapped in a blanket with a film.",
  "I noticed the feeling, named it and did not act on it.",
  "I am learning that feelings are weather, not climate.",
  "Today I was kind to myself when I made a mistake.",
  "I felt restless and could not settle to anything.",
};

/* Looking forward. */
static const char * const theme_hope[] = {
  "I signed up for a {S} course that starts next month.",
  "I am planning a trip somewhere I have always wanted to go, alone.",
  "For the first time I can picture a future that I actually want.",
  "I painted the bedroom a colour I chose entirely for myself.",
  "I think I am ready to meet new people, slowly and on my own terms.",
  "Next year I want to learn to swim properly and to cook without a recipe.",
  "I wrote down three things I want to do before summer.",
  "I looked at flats in another part of town, just to imagine it.",
  "The worst is behind me, I think, and I want to remember that on bad days.",
  "I feel like myself again, or maybe a new version of myself.",
  "I am going to the concert alone on {D} and I am looking forward to it.",
  "I want a life that is full enough that losing one person does not empty it.",
  "I started saving for a holiday and already have a little pot of money.",
  "Spring is coming and the evenings are getting lighter.",
  "I bought a notebook for ideas and filled {N} pages already.",
  "I am proud of the person who kept going through all of this.",
  "There is room now for things I pushed aside for years.",
  "I want to remember that I can survive things I thought I could not.",
  "I said yes to a date, just coffee, and I am nervous in a nice way.",
  "I feel curious about my own life again.",
};

/* Unsent letters: spoken to "you". */
static const char * const theme_letter[] = {
  "I want you to know that I am not writing this to win you back.",
  "You said I was too much, and for a long time I believed you.",
  "I miss the way you laughed at your own jokes before the punchline.",
  "I am sorry for the things I said in anger that last week.",
  "I am not sorry for leaving; I needed to, for both of us.",
  "You never saw how hard I tried to make it work.",
  "I still have {O} and I do not know what to do with it.",
  "I hope you are happy, mostly, and some days I even mean it.",
  "You taught me how to make proper coffee and I think of you every morning.",
  "I needed you to listen, not to fix me.",
  "When you went quiet for days, I filled the silence with my worst fears.",
  "Thank you for the good years; they were real, even if they ended.",
  "I will not send this, but I needed to say it somewhere.",
  "You do not get to decide how I remember us.",
  "I forgive you for the things you did not know how to give.",
  "I hope you find someone you can be honest with.",
  "I used to wait for your key in the door.",
  "Do you remember the night at {P} when it rained and we did not care?",
  "I deserved kindness, and so did you.",
  "I am closing this chapter, gently, with both hands.",
  "I kept choosing you even when you were not choosing me.",
  "You were my favourite person, and that is why it hurt so much.",
  "I am learning to live without waiting for your reply.",
  "I wish we had talked about the hard things while there was still time.",
  "I am not angry any more; I am just done.",
};

/* My reasons for no contact. */
static const char * const theme_reasons[] = {
  "Because every time we talked I felt worse for days afterwards.",
  "Because I deserve someone who answers my messages without making me wait a week.",
  "Because I kept apologising for things that were not my fault.",
  "Because they only reached out when they were lonely, never when I needed them.",
  "Because I want to heal properly, not in pieces between phone calls.",
  "Because the last time I broke no contact I cried for three days.",
  "Because I could not be myself around them any more.",
  "Because our friends noticed I had become quiet and anxious.",
  "Because they made promises they never kept, again and again.",
  "Because I need space to find out who I am on my own.",
  "Because hoping for a different ending keeps me stuck in this one.",
  "Because I was always the one who tried, and I am tired.",
  "Because the good moments were not worth the constant worry.",
  "Because checking their messages was becoming the centre of my day.",
  "Because they laughed when I told them something that hurt me.",
  "Because I want to stop waiting for someone to change.",
  "Because future me will thank me for holding this line.",
  "Because I cannot move forward while I keep looking back.",
  "Because I promised myself, and keeping promises to myself matters.",
  "Because I felt small in that relationship and I want to feel whole.",
  "If I am tempted to reach out, I will read this list first.",
  "When I miss them, I will remember the nights I spent waiting.",
  "Missing them is not a reason to go back.",
  "I can love the memories and still protect myself from the person.",
};

/* Gratitude: each line is one good thing. */
static const char * const theme_gratitude[] = {
  "The first coffee of the morning, drunk slowly by the window.",
  "{F} checking in on me without being asked.",
  "A warm bed and clean sheets after a long day.",
  "The sun came out for ten minutes at lunchtime.",
  "{K} laughing on the phone at something I said.",
  "A stranger held the door and smiled at me.",
  "{M} for dinner, exactly how I like it.",
  "The smell of rain on the pavement on the way home.",
  "Getting through a hard day without reaching for my phone.",
  "The library still exists and lends books for free.",
  "My legs carried me up the hill to {P}.",
  "A good song on the radio at the right moment.",
  "The cat from next door visiting again.",
  "Finishing a book that made me feel less alone.",
  "A quiet evening with nothing I had to do.",
  "The kindness of {C}, who covered for me when I needed to leave early.",
  "Fresh bread from {P}, still warm.",
  "Being able to pay the rent on time this month.",
  "Laughing until I cried with {F}.",
  "A long hot shower that used up all the hot water.",
  "My plants putting out new leaves.",
  "Hearing the birds before the traffic started.",
  "That I am a little stronger than I was a month ago.",
  "A letter from {K} in the post, handwritten.",
  "The bus driver who waited while I ran for it.",
  "Clean laundry folded and put away.",
  "A walk in the {W} weather that cleared my head.",
  "The soup {F} left on my doorstep.",
  "Sleeping through the night for once.",
  "Remembering that this feeling will pass.",
};

/* Guided prompts, by key. */
static const char * const prompt_what_happened[] = {
  "What went wrong, I think, was that we stopped telling each other the truth.",
  "We wanted different things and kept pretending the difference would go away.",
  "What went right was the first year, when everything felt easy and new.",
  "We were good at having fun and bad at having difficult conversations.",
  "The move to the new city put a strain on us that we never talked about.",
  "Money was a constant argument, even when it was not really about money.",
  "We took care of each other when one of us was ill, and that was real.",
  "I think we both stayed longer than we should have because it was comfortable.",
  "We built a home together, and I am proud of that even now.",
  "By the end we were more like flatmates than partners.",
  "Their jealousy grew slowly until I felt watched all the time.",
  "We never learned to repair after a fight; we just waited for it to blow over.",
};
static const char * const prompt_roles[] = {
  "My part was that I avoided conflict until it exploded.",
  "Their part was the distance, the way they shut down whenever I was upset.",
  "I played the fixer, always trying to smooth things over.",
  "I was not always honest about what I needed, and that is on me.",
  "They made choices that hurt me, and I am allowed to say that plainly.",
  "We both kept score, which poisoned everything.",
  "I can be fair to myself: I tried hard and I did not deserve how it ended.",
  "I leaned on them too much for my happiness.",
  "They were not cruel, just careless, and careless still hurts.",
  "I think I expected them to read my mind.",
  "Neither of us asked for help when we needed it.",
};
static const char * const prompt_differently[] = {
  "Next time I will say what I need early instead of hoping it will be guessed.",
  "I will keep my own friends and hobbies instead of folding into someone else's life.",
  "I would keep the silliness, the private jokes and the Sunday pancakes.",
  "I will notice when I start making myself smaller and stop.",
  "I want to argue fairly and then actually make up.",
  "I will not ignore the feeling in my stomach when something is wrong.",
  "I would keep the habit of leaving notes on the kitchen table.",
  "I will take things more slowly and let trust grow on its own.",
  "I will ask more questions and assume less.",
  "I would keep the way we travelled, curious about everything.",
};
static const char * const prompt_need_now[] = {
  "Right now I need an early night and a quiet morning.",
  "I need to eat something warm and call {F}.",
  "I need to stop checking my phone for an hour.",
  "I need fresh air, even just ten minutes at {P}.",
  "I need to be gentle with myself and not expect too much today.",
  "I need someone to tell me it will be okay, so I am telling myself.",
  "I need to cry properly instead of holding it in.",
  "I need a clean kitchen and a cup of tea.",
  "I need to move my body, a walk or a stretch, anything.",
  "I need to cancel one thing and rest instead.",
  "I need to hear a friendly voice, so I will ring {K}.",
};
static const char * const prompt_kindness[] = {
  "I bought myself {M} from the good place and did not feel guilty.",
  "I let myself sleep in on {D} without setting an alarm.",
  "I booked a massage, which I have never done before.",
  "I said no to a plan I did not have the energy for.",
  "I wrote myself a note saying I am doing my best, and stuck it on the mirror.",
  "I finally went to the dentist I had been avoiding.",
  "I turned off the news and watched a silly comedy instead.",
  "I took myself to {P} for an afternoon on my own.",
  "I forgave myself for sending that message months ago.",
  "I made the bed with fresh sheets and went to sleep early.",
  "I spoke to myself the way I would speak to a friend.",
};

/* Rare sentences: each word in them turns up in only a few entries. */
static const char * const theme_rare[] = {
  "After the storm the whole street smelled of petrichor.",
  "A stall at the market sold quince paste and I bought a slab of it.",
  "The museum had a kintsugi exhibition: bowls mended with gold along the cracks.",
  "A busker in the square played a zither and I stayed for three songs.",
  "I found a marzipan pig at the back of the cupboard from last winter.",
  "The word sonder kept coming back to me on the crowded tram.",
  "We saw a kingfisher by the weir, a flash of blue and then gone.",
  "I made shakshuka for the first time and it was better than expected.",
  "There was a halo around the moon tonight, a perfect pale ring.",
  "I found a book on bookbinding and read half of it standing in the aisle.",
  "Someone had left a theremin in the community hall and we all had a go.",
  "I watched a documentary about axolotls until well past midnight.",
  "The lighthouse cottage on the headland is for rent and I looked at the pictures for ages.",
  "I tasted a yuzu for the first time; sharp, floral and strange.",
  "The Welsh word hiraeth describes this feeling better than anything in English.",
  "At the café they served a cardamom bun that I am still thinking about.",
  "I joined a beginners' calligraphy workshop and my letters wobbled.",
  "A flock of starlings made a murmuration over the reed beds at dusk.",
  "I visited the planetarium and lay back under the fake stars.",
  "Zoë taught me to make a sourdough starter and I named it Gerald.",
  "The crème brûlée at the little bistro was worth every penny.",
  "I found an old harmonica in a drawer and played something terrible on it.",
};

/* Slot values. */
static const char * const slot_friend[] = {
  "Maya", "Jonas", "Priya", "Tom", "Aisha", "Leo", "Sofia", "Ben", "Noor",
  "Carlos", "Hannah", "Ravi", "Elif", "Sam", "Zoë", "Marta", "Kwame", "Ines",
  "Oskar", "Lucía", "Dev", "Grace", "Yusuf", "Clara", "Finn", "Amara",
  "Mateo", "Ruth", "Kenji", "Bea",
};
static const char * const slot_place[] = {
  "the park", "the bakery on the corner", "the library", "the river path",
  "the supermarket", "the gym", "the bus stop", "the café by the station",
  "the market", "the beach", "the bookshop", "the laundrette",
  "the swimming pool", "the garden centre", "the old bridge",
  "the hill behind the school", "the cinema", "the allotment", "the museum",
  "the canal", "the botanical garden", "the pier", "the farmers' market",
  "the climbing wall",
};
static const char * const slot_weekday[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const slot_time[] = {
  "this morning", "tonight", "this afternoon", "at lunch", "before work",
  "after dinner", "late last night", "on the way home", "just before bed",
  "early on",
};
static const char * const slot_food[] = {
  "porridge", "lentil soup", "toast with jam", "a cheese sandwich", "noodles",
  "pancakes", "a curry", "pasta with too much garlic", "an apple",
  "leftover pizza", "scrambled eggs", "a bowl of rice", "dumplings",
  "a croissant", "tomato salad", "banana bread", "chips", "a smoothie",
  "roasted vegetables", "chocolate", "a jacket potato", "falafel wraps",
};
static const char * const slot_activity[] = {
  "went for a run", "did the washing", "tidied the spare room",
  "read three chapters", "baked bread", "watered the plants",
  "went swimming", "walked along the canal", "practised guitar",
  "painted the hallway", "sorted old photos", "did a yoga video",
  "repotted the basil", "cleaned the fridge", "fixed the bike",
  "went to a pottery class", "sat in the sun", "answered emails",
  "learned a new song", "wrote some letters",
};
static const char * const slot_course[] = {
  "pottery", "photography", "Spanish", "life drawing", "climbing",
  "woodwork", "singing", "coding", "first aid", "bread-making",
};
static const char * const slot_weather[] = {
  "grey and drizzly", "bright and cold", "windy", "muggy", "foggy",
  "sunny for once", "pouring with rain", "snowing lightly", "mild", "stormy",
};
static const char * const slot_colleague[] = {
  "my manager", "Dana from accounts", "the new intern", "my team lead",
  "Marcus", "Ingrid", "the client", "our designer", "Felix", "Tobias",
};
static const char * const slot_family[] = {
  "my mum", "my dad", "my sister", "my brother", "my grandmother", "my aunt",
  "my cousin", "my nephew", "my niece", "my stepdad",
};
static const char * const slot_object[] = {
  "the blue mug", "their hoodie", "the spare key", "the photo on the fridge",
  "an old birthday card", "the concert tickets", "the playlist we made",
  "the plant they gave me", "the second toothbrush", "their umbrella",
  "a box of letters", "the matching scarves",
};
static const char * const slot_number[] = {
  "two", "three", "four", "five", "six", "seven", "ten", "twelve", "twenty",
};
static const char * const slot_hour[] = {
  "2am", "3am", "4am", "5am", "midnight", "half past one", "six",
};

/* Free tags, as a person might type them. */
static const char * const free_tags[] = {
  "work", "family", "sleep", "therapy", "weekend", "running", "friends",
  "holiday", "birthday", "moving", "anniversary", "bad day", "good day",
  "money", "health", "cooking", "walks", "music", "dating", "no contact",
};

/* Emoji that turn up now and then at the end of a paragraph. */
static const char * const paragraph_emoji[] = {
  " 🙂", " 😢", " ❤️", " 🌧️", " ☕", " 🌱", " 😤", " 🌙",
};

import { useState, type FormEvent } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Loader, Modal, Radio, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence } from '@switchboard/kit/admin';
import type { AvailableNumber, NumberClass } from '../../../../shared/contracts';
import { CLASS_LABEL } from './labels';

const money = (c: { amount: string; currency: string }) => new Intl.NumberFormat('en-US', { style: 'currency', currency: c.currency }).format(Number(c.amount));

/** OPS §3.1 "Buy New Number": choose the class, search an area code, see the cost, then confirm. */
export const BuyDialog = ({ initialClass = 'pool', onClose, onDone }: { initialClass?: NumberClass; onClose: () => void; onDone: (message: string) => void }) => {
  const { get, post } = useFetchClient();
  const [numberClass, setNumberClass] = useState<NumberClass>(initialClass);
  const [areaCode, setAreaCode] = useState('');
  const [offers, setOffers] = useState<AvailableNumber[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [searching, setSearching] = useState(false);
  const [buying, setBuying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setSearching(true);
    setProblem(null);
    setChosen('');
    try {
      const { data } = await get<{ data: AvailableNumber[] }>(`/numbers/available?areaCode=${encodeURIComponent(areaCode)}`);
      setOffers(data.data);
    } catch (error) {
      setOffers(null);
      setProblem(errorSentence(error));
    } finally {
      setSearching(false);
    }
  };

  const offer = offers?.find((o) => o.e164 === chosen);
  const buy = async () => {
    if (!offer) return;
    setBuying(true);
    setProblem(null);
    try {
      await post('/numbers/buy', { e164: offer.e164, numberClass });
      onDone(`${displayNumber(offer.e164)} bought as a ${CLASS_LABEL[numberClass]} number; it is in the inventory.`);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setBuying(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>Buy New Number</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="numberClass">
              <Field.Label>Number class</Field.Label>
              <SingleSelect value={numberClass} onChange={(v: string | number) => setNumberClass(v as NumberClass)}>
                {(Object.keys(CLASS_LABEL) as NumberClass[]).map((c) => (
                  <SingleSelectOption key={c} value={c}>
                    {CLASS_LABEL[c]}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <form onSubmit={search}>
              <Flex gap={2} alignItems="flex-end">
                <Field.Root name="areaCode" hint="Three digits, like 415.">
                  <Field.Label>Area code</Field.Label>
                  <TextInput value={areaCode} onChange={(e: any) => setAreaCode(e.target.value)} />
                  <Field.Hint />
                </Field.Root>
                <Button type="submit" variant="secondary" loading={searching} disabled={areaCode.trim().length === 0}>
                  Search
                </Button>
              </Flex>
            </form>
            {searching && <Loader small>Asking the provider…</Loader>}
            {offers && offers.length === 0 && <Typography textColor="neutral600">No numbers are available in that area code. Try another.</Typography>}
            {offers && offers.length > 0 && (
              <Radio.Group aria-label="Available numbers" value={chosen} onValueChange={(v: string) => setChosen(v)}>
                {offers.map((o) => (
                  <Radio.Item key={o.e164} value={o.e164}>
                    {displayNumber(o.e164)} · {[o.locality, o.region].filter(Boolean).join(', ') || 'Location unknown'} · {money(o.monthlyCost)} per month
                  </Radio.Item>
                ))}
              </Radio.Group>
            )}
            {offer && (
              <Box background="neutral100" padding={3} hasRadius role="status">
                <Typography fontWeight="bold">
                  Buy {displayNumber(offer.e164)} as a {CLASS_LABEL[numberClass]} number for {money(offer.monthlyCost)} per month?
                </Typography>
              </Box>
            )}
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Cancel</Button>
          </Modal.Close>
          <Button onClick={buy} loading={buying} disabled={!offer}>
            {buying ? 'Buying…' : 'Buy number'}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
